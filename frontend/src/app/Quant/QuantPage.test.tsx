import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { route } from '../../services/api/mockFetch';
import type { MockRequest } from '../../services/api/mockFetch';
import { loggedIn } from '../../services/auth/sessionSlice';
import { mockInfy, mockNiftyFuture } from '../../services/market/mock';
import { watchlistActions } from '../../services/market/watchlistSlice';
import { mockTicksCsv, quantRoutes } from '../../services/quant/mock';
import type { ExportRequest } from '../../services/quant/quantApi';
import { renderWithStore } from '../../test/render';
import { QuantPage } from './QuantPage';

const quant = { token: 'jwt', expires_at: '2099-01-01T00:00:00Z', roles: ['quant'], username: 'q' };

function renderQuant(routes = quantRoutes(true)) {
  const harness = renderWithStore(<QuantPage />, { routes });
  act(() => {
    harness.store.dispatch(loggedIn(quant));
    harness.store.dispatch(watchlistActions.added(mockInfy));
  });
  return harness;
}

function chooseRange(from: string, to: string) {
  fireEvent.change(screen.getByLabelText('From (IST)'), { target: { value: from } });
  fireEvent.change(screen.getByLabelText('To (IST)'), { target: { value: to } });
}

/** The `unknown_instruments` of every export request, in order; null where it was not given. */
function exportQueries(calls: MockRequest[]) {
  return calls
    .filter((call) => call.path === '/api/replay/export')
    .map((call) => call.query.get('unknown_instruments'));
}

/** Starts an export whose answer streams what the test writes, until it ends it. */
async function startStreamedExport() {
  let writer: ReadableStreamDefaultController<Uint8Array> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start: (controller) => {
      writer = controller;
    },
  });
  renderQuant([route('POST', /^\/api\/replay\/export$/, () => ({ status: 200, stream }))]);
  const user = userEvent.setup();
  chooseRange('2026-01-05T09:15:00', '2026-01-05T09:20:00');
  await user.click(screen.getByRole('button', { name: 'Export' }));
  return {
    user,
    write: (text: string, end = false) => {
      act(() => {
        writer?.enqueue(new TextEncoder().encode(text));
        if (end) writer?.close();
      });
    },
  };
}

describe('the quant export', () => {
  let zone: string | undefined;
  beforeEach(() => {
    zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
  });
  afterEach(() => {
    process.env.TZ = zone;
  });

  it("asks the gateway for the time range, the watchlist's instruments and the chosen format", async () => {
    const exports: ExportRequest[] = [];
    renderQuant(quantRoutes(true, mockTicksCsv, exports));
    const user = userEvent.setup();
    chooseRange('2026-01-05T09:15:00', '2026-01-05T09:20:00');
    await user.selectOptions(screen.getByLabelText('Instruments'), 'the watchlist (1)');
    await user.selectOptions(screen.getByLabelText('Format'), 'JSON lines');
    await user.click(screen.getByRole('button', { name: 'Export' }));

    const link = await screen.findByRole('link', { name: 'Download ticks.jsonl (2 rows)' });
    expect(link).toHaveAttribute('download', 'ticks.jsonl');
    expect(exports).toEqual([
      {
        table: 'ticks',
        from: '2026-01-05T03:45:00.000Z',
        to: '2026-01-05T03:50:00.000Z',
        instruments: [String(mockInfy.instrument_token)],
        format: 'jsonl',
      },
    ]);
    const preview = screen.getByText(/"lastPricePaise":152050/);
    expect(preview.textContent).toContain('"lastPricePaise":152055');
  });

  it('downloads every instrument as the CSV the gateway wrote', async () => {
    renderQuant();
    const user = userEvent.setup();
    chooseRange('2026-01-05T09:15:00', '2026-01-05T09:20:00');
    await user.selectOptions(screen.getByLabelText('Table'), 'fills');
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(
      await screen.findByRole('link', { name: 'Download fills.csv (3 rows)' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/13238786,NFO:NIFTY26JANFUT,full,2410000/)).toBeInTheDocument();
  });

  it('shows the progress while the export streams and stops it on cancel', async () => {
    const { user, write } = await startStreamedExport();
    expect(await screen.findByText(/Exporting ticks: 0\.0 KB, 0 lines so far/)).toBeInTheDocument();
    write(mockTicksCsv);
    expect(await screen.findByText(/Exporting ticks: 0\.2 KB, 4 lines so far/)).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Export progress' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('The export was cancelled.')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export' })).toBeEnabled();
  });

  it('offers the file read whole from the response once the streamed export ends, the progress counted from the stream', async () => {
    const reads = vi.spyOn(Response.prototype, 'text');
    const wholeReads = () =>
      reads.mock.contexts.filter(
        (response) => (response as Response).headers.get('Content-Type') === 'text/csv',
      ).length;
    const { write } = await startStreamedExport();
    const [head, ...rows] = mockTicksCsv.split('\n');
    write(`${head}\n`);
    expect(await screen.findByText(/Exporting ticks: 0\.\d KB, 1 line so far/)).toBeInTheDocument();
    expect(wholeReads()).toBe(0);
    write(rows.join('\n'), true);
    expect(
      await screen.findByRole('link', { name: 'Download ticks.csv (3 rows)' }),
    ).toBeInTheDocument();
    expect(wholeReads()).toBe(1);
    expect(screen.getByText(/152055/).textContent).toBe(mockTicksCsv);
  });

  it("exports the watchlist's other instruments in one request and names those the journal knows nothing of", async () => {
    const exports: ExportRequest[] = [];
    const unknown = String(mockNiftyFuture.instrument_token);
    const { store, http } = renderQuant(quantRoutes(true, mockTicksCsv, exports, [unknown]));
    act(() => {
      store.dispatch(watchlistActions.added(mockNiftyFuture));
    });
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Instruments'), 'the watchlist (2)');
    await user.click(screen.getByRole('button', { name: 'Export' }));

    expect(await screen.findByRole('link', { name: /^Download ticks\.csv/ })).toBeInTheDocument();
    expect(
      screen.getByText(
        "Left out 1 of the watchlist's 2 instruments, which the journal knows nothing of: NFO:NIFTY26JANFUT.",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(exports.map((request) => request.instruments)).toEqual([
      [String(mockInfy.instrument_token), unknown],
    ]);
    expect(exportQueries(http.calls)).toEqual(['skip']);
  });

  it('counts every instrument left out, those the gateway could not name in its header as more', async () => {
    const unknown = Array.from({ length: 800 }, (_, i) => ({
      ...mockNiftyFuture,
      instrument_token: 4_000_000_000 + i,
      tradingsymbol: `GONE${i}`,
    }));
    const { store } = renderQuant(
      quantRoutes(
        true,
        mockTicksCsv,
        [],
        unknown.map((item) => String(item.instrument_token)),
      ),
    );
    act(() => {
      for (const item of unknown) {
        store.dispatch(watchlistActions.added(item));
      }
    });
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Instruments'), 'the watchlist (801)');
    await user.click(screen.getByRole('button', { name: 'Export' }));

    expect(await screen.findByRole('link', { name: /^Download ticks\.csv/ })).toBeInTheDocument();
    const named = unknown.slice(0, 20).map((item) => `NFO:${item.tradingsymbol}`);
    expect(
      screen.getByText(
        "Left out 800 of the watchlist's 801 instruments, which the journal knows nothing of: " +
          `${named.join(', ')} and 780 more.`,
      ),
    ).toBeInTheDocument();
  });

  it('says there is nothing to export when the journal knows none of the watchlist, and asks once', async () => {
    const exports: ExportRequest[] = [];
    const { http } = renderQuant(
      quantRoutes(true, mockTicksCsv, exports, [String(mockInfy.instrument_token)]),
    );
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Instruments'), 'the watchlist (1)');
    await user.click(screen.getByRole('button', { name: 'Export' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      "Nothing to export: the journal knows nothing of the watchlist's one instrument, NSE:INFY.",
    );
    expect(screen.queryByRole('link', { name: /Download/ })).toBeNull();
    expect(exports).toHaveLength(1);
    expect(exportQueries(http.calls)).toEqual(['skip']);
  });

  it('asks for a start before the end and sends nothing', async () => {
    const exports: ExportRequest[] = [];
    renderQuant(quantRoutes(true, mockTicksCsv, exports));
    chooseRange('2026-01-05T09:20:00', '2026-01-05T09:15:00');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Export' }));
    expect(
      screen.getByText('From and To: the export needs a start before its end.'),
    ).toBeInTheDocument();
    expect(exports).toEqual([]);
  });

  it('exports the whole journal when no range is given', async () => {
    const exports: ExportRequest[] = [];
    const { http } = renderQuant(quantRoutes(true, mockTicksCsv, exports));
    await userEvent.setup().click(screen.getByRole('button', { name: 'Export' }));
    expect(await screen.findByRole('link', { name: /Download/ })).toBeInTheDocument();
    expect(exports).toEqual([{ table: 'ticks', format: 'csv' }]);
    expect(exportQueries(http.calls)).toEqual([null]);
  });

  it('says the export is not available when the gateway does not offer it', async () => {
    renderQuant(quantRoutes(false));
    chooseRange('2026-01-05T09:15:00', '2026-01-05T09:20:00');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Export' }));
    expect(await screen.findByText('Export is not available yet.')).toBeInTheDocument();
  });

  it("shows a 404 that answers the export as the gateway's refusal, not as not available", async () => {
    renderQuant([
      route('POST', /^\/api\/replay\/export$/, () => ({
        status: 404,
        body: { error: 'not_found', message: 'journal: no journal is recorded yet' },
      })),
    ]);
    chooseRange('2026-01-05T09:15:00', '2026-01-05T09:20:00');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Export' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'journal: no journal is recorded yet',
    );
    expect(screen.queryByText('Export is not available yet.')).toBeNull();
  });
});

describe('the quant rebuild', () => {
  let zone: string | undefined;
  beforeEach(() => {
    zone = process.env.TZ;
    process.env.TZ = 'Europe/London';
  });
  afterEach(() => {
    process.env.TZ = zone;
  });

  it('asks for the moment typed, read as IST, and shows it in IST', async () => {
    const { http } = renderQuant();
    fireEvent.change(screen.getByLabelText('At (IST)'), {
      target: { value: '2026-12-02T10:40:00' },
    });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Rebuild' }));
    expect(await screen.findByText(/State at 2\/12\/2026, 10:40:00 IST/)).toBeInTheDocument();
    expect(http.calls.find((call) => call.path === '/api/replay/state')?.query.get('at')).toBe(
      '2026-12-02T05:10:00.000Z',
    );
  });
});
