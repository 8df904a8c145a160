import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useAppDispatch } from '../store/hooks';
import { useHasRole, useSession } from '../services/auth/hooks';
import { sessionEnded } from '../services/auth/sessionSlice';
import { AlertsPage } from './Alerts/AlertsPage';
import { BasketsPage } from './Baskets/BasketsPage';
import { BrokerPage } from './Broker/BrokerPage';
import { GttPage } from './Gtt/GttPage';
import { HoldingsPage } from './Holdings/HoldingsPage';
import { Layout } from './Layout/Layout';
import { LoginPage } from './Login/LoginPage';
import { OpsPage } from './Ops/OpsPage';
import { TicketProvider } from './OrderTicket/TicketProvider';
import { OrdersPage } from './Orders/OrdersPage';
import { PositionsPage } from './Positions/PositionsPage';
import { QuantPage } from './Quant/QuantPage';
import { RiskPage } from './Risk/RiskPage';
import { TradesPage } from './Trades/TradesPage';
import { UsersPage } from './Users/UsersPage';
import { WatchlistPage } from './Watchlist/WatchlistPage';

/** Sends the user back to the login page the moment the token expires. */
function useSessionExpiry(): void {
  const dispatch = useAppDispatch();
  const { expiresAt } = useSession();
  useEffect(() => {
    if (!expiresAt) {
      return undefined;
    }
    const remainingMs = Date.parse(expiresAt) - Date.now();
    const end = () => dispatch(sessionEnded('Your session expired. Please sign in again.'));
    if (remainingMs <= 0) {
      end();
      return undefined;
    }
    const timer = setTimeout(end, Math.min(remainingMs, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [dispatch, expiresAt]);
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { token } = useSession();
  const location = useLocation();
  if (!token) {
    return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  }
  return <>{children}</>;
}

function RequireRole({ roles, children }: { roles: string[]; children: ReactNode }) {
  const allowed = useHasRole(...roles);
  if (!allowed) {
    return (
      <p role="alert" className="p-4 text-slate-400">
        This page needs one of the roles: {roles.join(', ')}.
      </p>
    );
  }
  return <>{children}</>;
}

export function App() {
  useSessionExpiry();
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <TicketProvider>
              <Layout />
            </TicketProvider>
          </RequireAuth>
        }
      >
        <Route index element={<WatchlistPage />} />
        <Route path="orders" element={<OrdersPage />} />
        <Route path="gtt" element={<GttPage />} />
        <Route path="alerts" element={<AlertsPage />} />
        <Route
          path="baskets"
          element={
            <RequireRole roles={['trader']}>
              <BasketsPage />
            </RequireRole>
          }
        />
        <Route path="trades" element={<TradesPage />} />
        <Route path="positions" element={<PositionsPage />} />
        <Route path="holdings" element={<HoldingsPage />} />
        <Route
          path="risk"
          element={
            <RequireRole roles={['ops', 'admin']}>
              <RiskPage />
            </RequireRole>
          }
        />
        <Route
          path="users"
          element={
            <RequireRole roles={['admin']}>
              <UsersPage />
            </RequireRole>
          }
        />
        <Route path="broker" element={<BrokerPage />} />
        <Route
          path="ops"
          element={
            <RequireRole roles={['ops', 'admin']}>
              <OpsPage />
            </RequireRole>
          }
        />
        <Route
          path="quant"
          element={
            <RequireRole roles={['quant', 'admin']}>
              <QuantPage />
            </RequireRole>
          }
        />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}
