import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { loggedIn } from '../../services/auth/sessionSlice';
import { normalizeLatency } from '../../services/api/normalize';
import { emptyBatch, liveBatch } from '../../services/live/liveActions';
import { mockHealth, mockLatency, opsRoutes } from '../../services/ops/mock';
import { riskRoutes } from '../../services/risk/mock';
import { renderWithStore } from '../../test/render';
import { formatAuditDetail } from './auditDetail';
import { OpsPage } from './OpsPage';
import { MAX_NINES, decadeLabel, decadeRange, nines } from './percentileScale';

function session(roles: string[]) {
  return { token: 'jwt', expires_at: '2099-01-01T00:00:00Z', roles, username: 'olga' };
}

function renderOps(roles: string[], report = mockLatency(), health = mockHealth()) {
  const harness = renderWithStore(<OpsPage />, {
    routes: [...opsRoutes(true, report, health), ...riskRoutes()],
  });
  act(() => {
    harness.store.dispatch(loggedIn(session(roles)));
  });
  return harness;
}

describe('the percentile axes', () => {
  it('give every nine the same width and put the maximum at the right edge', () => {
    expect(nines(0)).toBe(0);
    expect(nines(90)).toBeCloseTo(1);
    expect(nines(99)).toBeCloseTo(2);
    expect(nines(99.99)).toBeCloseTo(4);
    expect(nines(100)).toBe(MAX_NINES);
    expect(nines(99.99999)).toBe(MAX_NINES);
  });

  it('enclose sub-microsecond and millisecond values in whole decades', () => {
    expect(decadeRange([0.45, 3, 1800])).toEqual({ low: -1, high: 4 });
    expect(decadeRange([5, 5])).toEqual({ low: 0, high: 1 });
    expect(decadeRange([0, 0])).toBeNull();
    expect([-1, 0, 2, 3, 6].map(decadeLabel)).toEqual(['0.1 µs', '1 µs', '100 µs', '1 ms', '1 s']);
  });
});

describe('the ops page', () => {
  it("shows the data folder's disk, free of total, beside the gateway's health", async () => {
    renderOps(['ops']);
    expect(await screen.findByTestId('data-disk')).toHaveTextContent(
      'data disk: 12.0 GiB free of 50.0 GiB',
    );
    expect(screen.getByText('UP')).toHaveClass('text-emerald-400');
  });

  it('says DOWN and why when the data disk has less free space than it must keep (a 503)', async () => {
    const error =
      'Free disk space below threshold. Available: 524288000 bytes (threshold: 1073741824 bytes)';
    renderOps(['ops'], mockLatency(), {
      status: 503,
      body: {
        name: 'quantumleap',
        status: 'DOWN',
        details: { diskSpace: { name: 'quantumleap', status: 'DOWN', details: { error } } },
      },
    });
    const disk = await screen.findByTestId('data-disk');
    expect(disk).toHaveTextContent(`data disk: ${error}`);
    expect(disk).toHaveClass('text-rose-300');
    expect(screen.getByText('DOWN')).toHaveClass('text-rose-300');
  });

  it('says market data is left out while the data disk is below its reserve, and not after', async () => {
    const { store } = renderOps(['ops']);
    await screen.findByTestId('data-disk');
    expect(screen.queryByTestId('short-of-space')).not.toBeInTheDocument();
    const gap = (state: 'gap_started' | 'gap_ended') =>
      act(() => {
        store.dispatch(
          liveBatch({ ...emptyBatch(1), gaps: [{ connection: 255, state, last_message_ns: 1 }] }),
        );
      });
    gap('gap_started');
    expect(screen.getByTestId('short-of-space')).toHaveTextContent(
      'market data left out: the data disk is below its reserve (QLEAP_DISK_RESERVE)',
    );
    gap('gap_ended');
    expect(screen.queryByTestId('short-of-space')).not.toBeInTheDocument();
  });

  it('plots the percentile distribution of every stage on a log latency axis', async () => {
    renderOps(['ops']);
    const plots = await screen.findAllByRole('img', { name: /latency by percentile, log scale$/ });
    expect(plots.map((plot) => plot.getAttribute('aria-label')?.split(' ')[0])).toEqual([
      'feed_decode',
      'journal',
      'core',
      'publish',
      'ws_write',
      'tick_to_ws',
      'order_risk',
      'order_send',
      'broker_ack',
      'order_update',
    ]);
    const feedDecode = plots[0];
    if (!feedDecode) {
      throw new Error('no plot');
    }
    expect(feedDecode.querySelector('polyline')?.getAttribute('points')?.split(' ').length).toBe(
      mockLatency().stages[0]?.distribution.length,
    );
    expect(within(feedDecode).getByText('0.1 µs')).toBeInTheDocument();
    expect(within(feedDecode).getByText('99.99%')).toBeInTheDocument();
    expect(within(feedDecode).getByText('last interval p99.99: 40.0 µs')).toBeInTheDocument();
    expect(within(plots[9] as HTMLElement).getByText('no samples yet')).toBeInTheDocument();
  });

  it('tabulates the last interval, the last minute and the percentiles since start per stage', async () => {
    renderOps(['ops']);
    const table = await screen.findByRole('table', { name: 'Latency per stage' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(1 + 3 * 10);
    expect(within(rows[1] as HTMLElement).getByText('last interval')).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByText('1,200')).toBeInTheDocument();
    expect(within(rows[2] as HTMLElement).getByText('last minute')).toBeInTheDocument();
    expect(within(rows[2] as HTMLElement).getByText('12,000')).toBeInTheDocument();
    expect(within(rows[3] as HTMLElement).getByText('since start')).toBeInTheDocument();
    expect(within(rows[3] as HTMLElement).getByText('1,20,000')).toBeInTheDocument();
    const tail = within(table).getAllByRole('row')[18] as HTMLElement;
    expect(within(tail).getAllByText('5.20 ms')).toHaveLength(1);
    expect(within(tail).getByText('150 µs')).toBeInTheDocument();
  });

  it('shows a dash, not 0 µs, for the percentiles of a window without samples', async () => {
    renderOps(['ops']);
    const table = await screen.findByRole('table', { name: 'Latency per stage' });
    const empty = within(table).getAllByRole('row')[28] as HTMLElement;
    expect(within(empty).getByText('last interval')).toBeInTheDocument();
    const cells = within(empty).getAllByRole('cell');
    expect(cells.slice(-8).map((cell) => cell.textContent)).toEqual([
      '0',
      '–',
      '–',
      '–',
      '–',
      '–',
      '–',
      '–',
    ]);
    expect(within(table).queryByText('0 µs')).not.toBeInTheDocument();
  });

  it('shows throughput, persister lag and warns about ring-full and decode errors', async () => {
    const report = mockLatency();
    renderOps(['ops'], {
      ...report,
      throughput: { ...report.throughput, ring_full_total: 4 },
    });
    const throughput = await screen.findByLabelText('Throughput');
    expect(within(throughput).getByText('1,200/s')).toBeInTheDocument();
    expect(within(throughput).getByText('180 events · 150 ms')).toBeInTheDocument();
    expect(within(throughput).getByText('4')).toHaveClass('text-amber-300');
  });

  it('shows how the engine threads were scheduled and warns about a thread waiting for a CPU', async () => {
    const report = mockLatency();
    const core = report.threads[0];
    if (!core) {
      throw new Error('no thread in the mock');
    }
    renderOps(['ops'], {
      ...report,
      threads: [
        core,
        { ...core, name: 'qleap-journal', scheduling_class: 'normal', wait_share: 0.0815 },
      ],
    });
    const table = await screen.findByRole('table', { name: 'Engine threads' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const coreRow = rows[1] as HTMLElement;
    expect(within(coreRow).getByText('qleap-core')).toBeInTheDocument();
    expect(within(coreRow).getByText('deadline')).toBeInTheDocument();
    expect(within(coreRow).getByText('17.34%')).toBeInTheDocument();
    expect(within(coreRow).getByText('0.41%')).not.toHaveClass('text-amber-300');
    expect(within(coreRow).getByText('812.5 s')).toBeInTheDocument();
    expect(within(rows[2] as HTMLElement).getByText('8.15%')).toHaveClass('text-amber-300');
  });

  it('leaves the engine threads out where the engine runs elsewhere', async () => {
    renderOps(['ops'], mockLatency({ threads: [] }));
    await screen.findByLabelText('Throughput');
    expect(screen.queryByRole('table', { name: 'Engine threads' })).not.toBeInTheDocument();
  });

  it('lets an admin set the kill switch from the ops page', async () => {
    renderOps(['admin']);
    expect(await screen.findByRole('form', { name: 'Kill switch' })).toBeInTheDocument();
    expect(screen.getByText('global: off')).toBeInTheDocument();
  });

  it('shows ops the kill switch state without the form', async () => {
    renderOps(['ops']);
    expect(await screen.findByText('global: off')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Kill switch' })).not.toBeInTheDocument();
  });
});

describe('the audit trail on the ops page', () => {
  it("shows everyone's trail with the engine's own events, and one user's on request", async () => {
    renderOps(['ops']);
    const trail = await screen.findByRole('table', { name: 'Audit trail' });
    const conversion = within(trail).getByText('BROKER_CONVERSION').closest('tr');
    expect(conversion).not.toBeNull();
    expect(within(conversion as HTMLElement).getByText('engine')).toBeInTheDocument();
    expect(within(trail).getByText('order_placed')).toBeInTheDocument();
    expect(
      within(conversion as HTMLElement).getByText('instrument_token 408065 · quantity 5'),
    ).toBeInTheDocument();
    const modify = within(trail).getByText('order_modify').closest('tr');
    expect(
      within(modify as HTMLElement).getByText(
        'order_id 2512040001 · transaction_type BUY · quantity 10 · price 1500 · changes: price 1500 → 1501',
      ),
    ).toBeInTheDocument();
    expect(trail.textContent).not.toMatch(/[{}"]/);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('User'), 'olga');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() =>
      expect(
        within(screen.getByRole('table', { name: 'Audit trail' })).queryByText('BROKER_CONVERSION'),
      ).toBeNull(),
    );
    const olgas = screen.getByRole('table', { name: 'Audit trail' });
    expect(within(olgas).getByText('order_placed')).toBeInTheDocument();
    expect(within(olgas).getByText('olga')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Event'), 'BROKER_CONVERSION');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(
      await screen.findByText(
        /Nothing recorded of type BROKER_CONVERSION\s+for olga in the last day\./,
      ),
    ).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Event'));
    await user.clear(screen.getByLabelText('User'));
    await user.type(screen.getByLabelText('User'), 'nobody');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "user: no user named 'nobody'; leave user out for everyone's trail",
    );
    expect(screen.queryByText('The audit trail is not available yet.')).toBeNull();
    expect(screen.queryByRole('table', { name: 'Audit trail' })).toBeNull();
  });
});

describe('who and which account an audit entry is of', () => {
  it('shows a refused sign-in as no one signed in, with the name tried, and the engine as the engine', async () => {
    renderOps(['ops']);
    const trail = await screen.findByRole('table', { name: 'Audit trail' });
    const refused = within(trail).getByText('login_failed').closest('tr') as HTMLElement;
    expect(within(refused).getByText('anonymous (as mallory)')).toBeInTheDocument();
    expect(within(refused).queryByText('engine')).toBeNull();
    const conversion = within(trail).getByText('BROKER_CONVERSION').closest('tr') as HTMLElement;
    expect(within(conversion).getByText('engine')).toBeInTheDocument();
  });

  it("names the account a user's request gave when the engine names none", async () => {
    renderOps(['ops']);
    const trail = await screen.findByRole('table', { name: 'Audit trail' });
    const connect = within(trail).getByText('broker_connect_started').closest('tr') as HTMLElement;
    expect(connect.querySelectorAll('td')[3]).toHaveTextContent(/^3$/);
    const placed = within(trail).getByText('order_placed').closest('tr') as HTMLElement;
    expect(placed.querySelectorAll('td')[3]).toHaveTextContent(/^1$/);
  });

  it('lists the newest entry first', async () => {
    renderOps(['ops']);
    const trail = await screen.findByRole('table', { name: 'Audit trail' });
    const events = within(trail)
      .getAllByRole('row')
      .slice(1)
      .map((row) => row.querySelectorAll('td')[1]?.textContent);
    expect(events).toEqual([
      'broker_connect_started',
      'login_failed',
      'order_modify',
      'order_placed',
      'BROKER_CONVERSION',
    ]);
  });
});

describe("an audit entry's detail", () => {
  it('reads as its fields and values in order, without JSON', () => {
    expect(
      formatAuditDetail({
        order_id: '2512040001',
        transaction_type: 'BUY',
        quantity: 10,
        price: 1500.5,
      }),
    ).toBe('order_id 2512040001 · transaction_type BUY · quantity 10 · price 1500.5');
  });

  it('puts the refusal, the order and its terms first, whatever order the database kept', () => {
    expect(
      formatAuditDetail({
        price: 1500.5,
        source: 'api',
        order_id: '2512040001',
        quantity: 10,
        http_status: 422,
        transaction_type: 'BUY',
        error: 'max_order_value',
      }),
    ).toBe(
      'error max_order_value · http_status 422 · order_id 2512040001 · transaction_type BUY · ' +
        'quantity 10 · price 1500.5 · source api',
    );
  });

  it("reads a modify's changes as each field from → to", () => {
    expect(
      formatAuditDetail({
        order_id: '2512040001',
        changes: {
          price: { from: 1500, to: 1501 },
          quantity: { from: 2, to: 5 },
          disclosed_quantity: { from: null, to: 3 },
        },
      }),
    ).toBe(
      'order_id 2512040001 · changes: quantity 2 → 5, price 1500 → 1501, disclosed_quantity – → 3',
    );
  });

  it('reads an empty detail, or one of fields without values, as a dash', () => {
    expect(formatAuditDetail({})).toBe('–');
    expect(formatAuditDetail({ parent_order_id: null, trigger_price: null })).toBe('–');
    expect(formatAuditDetail({ trigger_price: null, status: 'OPEN' })).toBe('status OPEN');
    expect(formatAuditDetail({ changes: {} })).toBe('changes: –');
  });

  it('reads lists, flags, deeper objects and a stored text', () => {
    expect(
      formatAuditDetail({
        orders: ['SELL 2 CNC @ 1600', 'BUY 1 MIS @ 1500'],
        placed: true,
        trigger_values: [],
        limit: { name: 'max_order_qty', crossed: { value: 900, unit: 'shares' } },
        text: '"a note"',
      }),
    ).toBe(
      'orders SELL 2 CNC @ 1600, BUY 1 MIS @ 1500 · placed true · trigger_values – · ' +
        'limit: name max_order_qty, crossed (value 900, unit shares) · text "a note"',
    );
  });
});

describe('a latency report with fields left out', () => {
  it('reads as zero counts, no percentiles and empty distributions', () => {
    const report = normalizeLatency({
      stages: [{ name: 'feed_decode', path: 'market_data', interval: { count: 3 } }],
    });
    expect(report.stages[0]).toMatchObject({
      description: '',
      interval: { count: 3, p99_us: null },
      total: { count: 0, max_us: null },
      distribution: [],
    });
    expect(report.throughput.ticks_per_s).toBe(0);
    expect(report.persister).toEqual({ lag_events: 0, lag_ms: 0 });
    expect(report.threads).toEqual([]);
  });
});
