import { render } from '@testing-library/react';
import type { RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { Provider } from 'react-redux';
import { MemoryRouter } from 'react-router-dom';
import type { MockRoute } from '../services/api/mockFetch';
import { testStore } from './testStore';
import type { TestStore } from './testStore';

export function renderWithStore(
  ui: ReactElement,
  options: { routes?: MockRoute[]; path?: string; nowMs?: number } = {},
): TestStore & { view: RenderResult } {
  const harness = testStore(options.routes ?? [], options.nowMs);
  const view = render(
    <Provider store={harness.store}>
      <MemoryRouter initialEntries={[options.path ?? '/']}>{ui}</MemoryRouter>
    </Provider>,
  );
  return { ...harness, view };
}
