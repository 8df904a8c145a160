import { route } from '../api/mockFetch';
import type { MockRoute } from '../api/mockFetch';
import type { RiskChange, RiskView } from '../api/types';

export function riskRoutes(): MockRoute[] {
  const risk: RiskView = {
    limits: [
      {
        account_id: 0,
        max_order_value: 1_000_000,
        max_position_qty: 10_000,
        price_band_bps: 500,
        orders_per_second: 10,
        orders_per_minute: 200,
        orders_per_day: 2000,
      },
    ],
    kill_switches: [{ account_id: 0, mode: 'off' }],
  };
  return [
    route('GET', /^\/api\/risk$/, () => ({ status: 200, body: risk })),
    route('PUT', /^\/api\/risk$/, (request) => {
      const change = request.body as RiskChange;
      if (change.kill_switch) {
        const killSwitch = change.kill_switch;
        risk.kill_switches = [
          ...risk.kill_switches.filter((entry) => entry.account_id !== killSwitch.account_id),
          { account_id: killSwitch.account_id, mode: killSwitch.mode },
        ];
      }
      if (change.limits) {
        const limits = change.limits;
        risk.limits = [
          ...risk.limits.filter((entry) => entry.account_id !== limits.account_id),
          limits,
        ];
      }
      return { status: 200, body: risk };
    }),
  ];
}
