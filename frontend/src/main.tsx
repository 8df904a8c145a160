import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { BrowserRouter } from 'react-router-dom';
import { App } from './app/App';
import './index.css';
import { browserDeps, createStore } from './store/store';

const root = document.getElementById('root');
if (!root) {
  throw new Error('index.html has no #root element');
}
const store = createStore(browserDeps());

createRoot(root).render(
  <StrictMode>
    <Provider store={store}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </Provider>
  </StrictMode>,
);
