import { route } from '../api/mockFetch';
import type { MockRequest, MockRoute } from '../api/mockFetch';
import type { ExportRequest } from './quantApi';

/** Ticks of INFY (408065) and NIFTY26JANFUT (13238786) as the gateway exports them. */
export const mockTicksCsv = [
  'index,timestampNs,instrumentToken,symbol,mode,lastPricePaise',
  '11,1767585600100000000,408065,NSE:INFY,quote,152050',
  '12,1767585600200000000,13238786,NFO:NIFTY26JANFUT,full,2410000',
  '13,1767585600300000000,408065,NSE:INFY,quote,152055',
  '',
].join('\n');

/** INFY's ticks as the gateway exports them in JSON lines for the watchlist's one instrument. */
export const mockTicksJsonLines = [
  '{"index":11,"timestampNs":"1767585600100000000","instrumentToken":408065,"symbol":"NSE:INFY","mode":"quote","lastPricePaise":152050}',
  '{"index":13,"timestampNs":"1767585600300000000","instrumentToken":408065,"symbol":"NSE:INFY","mode":"quote","lastPricePaise":152055}',
  '',
].join('\n');

/** The most characters the gateway's X-Unknown-Instruments holds. */
const UNKNOWN_INSTRUMENTS_MAX = 8 * 1024;

/**
 * The gateway's answers to the Quant page. `unknown`: instruments the journal knows nothing of; an export asking for
 * any of them is refused, naming them in the message and in `instruments`, as the gateway refuses it, unless it asks
 * with `?unknown_instruments=skip`: then they are left out, named in X-Unknown-Instruments (the first ones, as many as
 * fit in 8 KiB) and counted in X-Unknown-Instruments-Count, and when every one asked for is, the table comes with no
 * rows.
 */
export function quantRoutes(
  available: boolean,
  csv: string = mockTicksCsv,
  exports: ExportRequest[] = [],
  unknown: string[] = [],
): MockRoute[] {
  const unavailable = (request: MockRequest) => ({
    status: 404,
    body: { error: 'not_found', message: `no such path: ${request.path}` },
  });
  return [
    route('GET', /^\/api\/replay\/state$/, (request) =>
      available
        ? { status: 200, body: { at: request.query.get('at'), orders: [], positions: [] } }
        : unavailable(request),
    ),
    route('POST', /^\/api\/replay\/export$/, (request) => {
      const body = request.body as ExportRequest;
      exports.push(body);
      const rows = body.format === 'jsonl' ? mockTicksJsonLines : csv;
      const refused = [...new Set(body.instruments?.filter((i) => unknown.includes(i)))];
      if (available && refused.length > 0 && request.query.get('unknown_instruments') === 'skip') {
        const none = refused.length === body.instruments?.length;
        const noRows = body.format === 'jsonl' ? '' : `${csv.split('\n')[0] ?? ''}\n`;
        let named = '';
        for (const instrument of refused) {
          const encoded = encodeURIComponent(instrument).replace(/%3A/g, ':');
          const next = named === '' ? encoded : `${named},${encoded}`;
          if (next.length > UNKNOWN_INSTRUMENTS_MAX) {
            break;
          }
          named = next;
        }
        return {
          status: 200,
          text: none ? noRows : rows,
          headers: {
            ...(named === '' ? {} : { 'X-Unknown-Instruments': named }),
            'X-Unknown-Instruments-Count': String(refused.length),
          },
        };
      }
      if (available && refused.length > 0) {
        return {
          status: 400,
          body: {
            error: 'bad_request',
            message: `instruments: ${refused.join(', ')}: the journal defines none of these instruments (it defines 2: 408065 NSE:INFY, 13238786 NFO:NIFTY26JANFUT)`,
            instruments: refused,
          },
        };
      }
      return available ? { status: 200, text: rows } : unavailable(request);
    }),
  ];
}
