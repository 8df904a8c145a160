// The Kite simulator (./qleap sim) driven by the official Kite Connect JavaScript client, kiteconnect 5.3.0.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import diagnostics from 'node:diagnostics_channel';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { KiteConnect, KiteTicker } from 'kiteconnect';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TIMEOUT_MS = 15_000;
const STARTUP_TIMEOUT_MS = 30_000;
const SEED = '20260801';
const INFY = 408065;
const NIFTY = 256265;
const CSV_COLUMNS = ['instrument_token', 'exchange_token', 'tradingsymbol', 'name', 'last_price', 'expiry', 'strike',
    'tick_size', 'lot_size', 'instrument_type', 'segment', 'exchange'];

const responses = [];
diagnostics.subscribe('http.client.response.finish', ({ request, response }) =>
    responses.push({ method: request.method, path: request.path, status: response.statusCode }));

let simulator = null;
let sim;
let kite;
let session;

function killSimulator() {
    if (simulator && simulator.exitCode === null && simulator.signalCode === null) {
        simulator.kill('SIGKILL');
    }
}

process.once('exit', killSimulator);
for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
        killSimulator();
        process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    });
}

async function startSimulator() {
    const options = resolve(ROOT, 'gateway-api/target/jvm.options');
    if (!existsSync(options)) {
        throw new Error(`${options} is missing: build the Java side first (./qleap build), or set QLEAP_SIM_REST`);
    }
    const jvmFlags = readFileSync(options, 'utf8').split(/\s+/).filter(Boolean);
    const extraFlags = (process.env.QLEAP_JAVA_OPTS ?? '').split(/\s+/).filter(Boolean);
    const classPath = `${resolve(ROOT, 'gateway-api/target/classes')}:${resolve(ROOT, 'gateway-api/target/lib')}/*`;
    const args = [...jvmFlags, ...extraFlags, '-cp', classPath, 'io.quantumleap.engine.sim.SimulatorMain',
        '--port', '0', '--seed', SEED];
    // In the folder npm (or ./qleap) was run from, as ./qleap sim: a relative path in QLEAP_JAVA_OPTS is taken from
    // there.
    const cwd = process.env.INIT_CWD ?? ROOT;
    simulator = spawn('java', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const banner = new Promise((resolveBanner, reject) => {
        const timer = setTimeout(() => reject(new Error(
            `the simulator printed no REST root and ticker URL within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output}`)),
        STARTUP_TIMEOUT_MS);
        const read = (chunk) => {
            output += chunk;
            const rest = /REST root:\s+(\S+)/.exec(output);
            const ws = /ticker:\s+([^\s?]+)/.exec(output);
            const keys = /api_key:\s+(\S+)\s+api_secret:\s+(\S+)/.exec(output);
            if (rest && ws && keys) {
                clearTimeout(timer);
                resolveBanner({ rest: rest[1], ws: ws[1], apiKey: keys[1], apiSecret: keys[2] });
            }
        };
        simulator.stdout.setEncoding('utf8').on('data', read);
        simulator.stderr.setEncoding('utf8').on('data', (chunk) => { output += chunk; });
        simulator.once('error', (error) => {
            clearTimeout(timer);
            reject(new Error(`could not run java: ${error.message}`));
        });
        simulator.once('exit', (code, signal) => {
            clearTimeout(timer);
            reject(new Error(`the simulator exited (${code ?? signal}) before it was ready:\n${output}`));
        });
    });
    return banner;
}

async function stopSimulator() {
    if (!simulator || simulator.pid === undefined || simulator.exitCode !== null || simulator.signalCode !== null) {
        return;
    }
    const exited = new Promise((done) => simulator.once('exit', done));
    const stopped = await new Promise((done) => {
        const timer = setTimeout(() => done(false), 5_000);
        exited.then(() => {
            clearTimeout(timer);
            done(true);
        });
        simulator.kill('SIGTERM');
    });
    if (!stopped) {
        simulator.kill('SIGKILL');
        await exited;
    }
}

const sent = { quote: [], orders: [], other: [] };
const LIMITS = { quote: 1, orders: 8, other: 8 };
let pacing = Promise.resolve();

function bucketOf(config) {
    const first = (config.url ?? '').replace(/^\/+/, '').split(/[/?]/)[0];
    if (first === 'quote') {
        return 'quote';
    }
    return first === 'orders' && config.method?.toUpperCase() === 'POST' ? 'orders' : 'other';
}

async function reserve(bucket) {
    const times = sent[bucket];
    for (;;) {
        const now = Date.now();
        while (times.length && now - times[0] >= 1_100) {
            times.shift();
        }
        if (times.length < LIMITS[bucket]) {
            times.push(now);
            return;
        }
        await sleep(1_100 - (now - times[0]) + 5);
    }
}

function client(accessToken) {
    const kc = new KiteConnect({ api_key: sim.apiKey, root: sim.rest, timeout: TIMEOUT_MS });
    if (accessToken) {
        kc.setAccessToken(accessToken);
    }
    kc.requestInstance.interceptors.request.use((config) => {
        const turn = pacing.then(() => reserve(bucketOf(config)));
        pacing = turn;
        return turn.then(() => config);
    });
    return kc;
}

async function waitFor(check, missing, ms = TIMEOUT_MS) {
    const deadline = Date.now() + ms;
    for (;;) {
        const found = check();
        if (found) {
            return found;
        }
        if (Date.now() > deadline) {
            assert.fail(`${typeof missing === 'function' ? missing() : missing} within ${ms / 1000} s`);
        }
        await sleep(50);
    }
}

function trackIntervals() {
    const original = globalThis.setInterval;
    const handles = [];
    globalThis.setInterval = (...args) => {
        const handle = original(...args);
        handles.push(handle);
        return handle;
    };
    return {
        restore: () => { globalThis.setInterval = original; },
        clear: () => handles.forEach((handle) => clearInterval(handle)),
    };
}

async function httpStatusOf(promise, path) {
    const seen = responses.length;
    const error = await promise.then(
        (value) => assert.fail(`expected a rejection, got ${JSON.stringify(value)}`), (reason) => reason);
    const response = responses.slice(seen).find((r) => r.path.split('?')[0] === path);
    assert.ok(response, `no HTTP response for ${path} was seen`);
    return { error, status: response.status };
}

/**
 * The rejection of `place`, which reads the last price and asks at once for something the broker refuses that close
 * to it; a request the broker took because the market moved away between the read and the request is undone and
 * asked again, up to 20 times.
 */
async function refusedWhileTheMarketHolds(place, undo, path) {
    for (let attempt = 0; attempt < 20; attempt += 1) {
        const seen = responses.length;
        const outcome = await place().then((placed) => ({ placed }), (error) => ({ error }));
        if (outcome.error) {
            const response = responses.slice(seen).find((r) => r.path.split('?')[0] === path);
            assert.ok(response, `no HTTP response for ${path} was seen`);
            return { error: outcome.error, status: response.status };
        }
        await undo(outcome.placed);
    }
    assert.fail(`taken in each of 20 requests, each made at once after reading the last price: ${path}`);
}

function tickerRoot(url) {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
}

function order(type, quantity, extra = {}) {
    return {
        exchange: 'NSE', tradingsymbol: 'INFY', transaction_type: 'BUY', order_type: type, quantity,
        product: 'CNC', validity: 'DAY', ...(type === 'MARKET' ? { market_protection: -1 } : {}), ...extra,
    };
}

function onTick(price, fraction) {
    return Math.floor(price * fraction * 20) / 20;
}

async function basketsAtOnePrice(legs) {
    for (let attempt = 0; attempt < 20; attempt += 1) {
        const basket = await kite.orderBasketMargins(legs, false, 'full');
        const compactBasket = await kite.orderBasketMargins(legs);
        const again = await kite.orderBasketMargins(legs, false, 'full');
        if (again.final.total === basket.final.total) {
            return { basket, compactBasket };
        }
    }
    assert.fail('the market legs priced differently in every one of 20 full, compact, full reads');
}

function netQuantity(positions, book) {
    return positions[book]
        .filter((p) => p.exchange === 'NSE' && p.tradingsymbol === 'INFY' && p.product === 'CNC')
        .reduce((sum, p) => sum + p.quantity, 0);
}

before(async () => {
    const started = process.env.QLEAP_SIM_REST ? null : await startSimulator();
    const rest = (process.env.QLEAP_SIM_REST ?? started.rest).replace(/\/+$/, '');
    sim = {
        rest,
        ws: tickerRoot(process.env.QLEAP_SIM_WS ?? started?.ws ?? `${rest.replace(/^http/, 'ws')}/`),
        apiKey: process.env.QLEAP_SIM_API_KEY ?? started?.apiKey ?? 'qleap_sim_key',
        apiSecret: process.env.QLEAP_SIM_API_SECRET ?? started?.apiSecret ?? 'qleap_sim_secret',
    };
    kite = client();
    const login = new URL(kite.getLoginURL());
    assert.equal(login.searchParams.get('api_key'), sim.apiKey);
    assert.equal(login.searchParams.get('v'), '3');
    const loginUrl = `${sim.rest}${login.pathname}${login.search}`;
    const redirect = await fetch(loginUrl, { redirect: 'manual' }).catch((error) =>
        assert.fail(`could not reach the simulator at ${loginUrl}: ${error.cause?.message ?? error.message}`));
    assert.equal(redirect.status, 302, 'the login URL should answer with a redirect');
    const location = new URL(redirect.headers.get('location'), sim.rest);
    assert.equal(location.searchParams.get('status'), 'success');
    const requestToken = location.searchParams.get('request_token');
    assert.ok(requestToken, `no request_token in the login redirect ${location}`);
    session = await kite.generateSession(requestToken, sim.apiSecret).catch((error) =>
        assert.fail(`generateSession was refused: ${error.error_type}: ${error.message}`));
    kite.setAccessToken(session.access_token);
});

after(async () => {
    await stopSimulator();
});

test('session: generateSession, profile and margins', async () => {
    assert.equal(session.api_key, sim.apiKey);
    assert.equal(typeof session.access_token, 'string');
    assert.ok(session.access_token.length > 0);
    assert.equal(typeof session.public_token, 'string');
    assert.equal(kite.access_token, session.access_token);
    assert.ok(session.login_time instanceof Date && !Number.isNaN(session.login_time.getTime()));
    assert.ok(session.user_id);

    const profile = await kite.getProfile();
    assert.equal(profile.user_id, session.user_id);
    assert.equal(profile.user_shortname, 'Paper');
    assert.equal(profile.broker, 'ZERODHA');
    assert.ok(profile.exchanges.includes('NSE'));
    assert.ok(profile.products.includes('CNC'));
    assert.ok(profile.order_types.includes('MARKET'));
    assert.equal(profile.access_token, undefined, 'the profile must not carry tokens');

    const all = await kite.getMargins();
    const equity = await kite.getMargins('equity');
    assert.deepEqual(Object.keys(all).sort(), ['commodity', 'equity']);
    assert.equal(equity.enabled, true);
    assert.equal(equity.available.opening_balance, 1_000_000);
    assert.equal(typeof equity.net, 'number');
    assert.equal(typeof equity.utilised.debits, 'number');
    assert.equal(all.equity.net, equity.net);
    assert.equal(typeof all.commodity.net, 'number');
});

test('ticker: full and index ticks, then order updates until COMPLETE', async () => {
    const ticks = [];
    const updates = [];
    const problems = [];
    const ticker = new KiteTicker({ api_key: sim.apiKey, access_token: kite.access_token, root: sim.ws,
        reconnect: false });
    let early = null;
    ticker.on('connect', () => {
        ticker.subscribe([INFY, NIFTY]);
        ticker.setMode(ticker.modeFull, [INFY, NIFTY]);
        early ??= kite.placeOrder(kite.VARIETY_REGULAR, order('MARKET', 1));
    });
    ticker.on('ticks', (batch) => ticks.push(...batch));
    ticker.on('order_update', (update) => updates.push(update));
    ticker.on('error', (error) => problems.push(`error: ${error?.message ?? error}`));
    ticker.on('close', (event) => problems.push(`close: ${event?.code ?? ''} ${event?.reason ?? ''}`));
    const intervals = trackIntervals();
    ticker.connect();
    try {
        const describe = (what) => () => `no ${what} (ticks seen: ${ticks.length}, tokens/modes: ${
            [...new Set(ticks.map((t) => `${t.instrument_token}/${t.mode}`))].join(' ')}; ${problems.join('; ')})`;
        const full = await waitFor(() => ticks.find((t) => t.instrument_token === INFY && t.mode === 'full'),
            describe('full-mode tick for INFY 408065'));
        intervals.restore();
        assert.equal(full.tradable, true);
        assert.ok(full.last_price > 0, `INFY last_price ${full.last_price}`);
        assert.equal(full.depth.buy.length, 5);
        assert.equal(full.depth.sell.length, 5);
        for (let i = 1; i < 5; i++) {
            assert.ok(full.depth.buy[i].price < full.depth.buy[i - 1].price, 'bids must descend');
            assert.ok(full.depth.sell[i].price > full.depth.sell[i - 1].price, 'offers must ascend');
        }
        assert.ok(full.depth.buy[0].price < full.depth.sell[0].price, 'best bid must be below best offer');
        assert.ok(full.depth.buy[0].price > 0);
        assert.ok(full.ohlc.low <= full.ohlc.high);
        assert.ok(Math.abs(full.exchange_timestamp - Date.now()) < 60_000, `${full.exchange_timestamp} is not now`);

        const index = await waitFor(() => ticks.find((t) => t.instrument_token === NIFTY && t.mode === 'full'),
            describe('full-mode index tick for NIFTY 50 256265'));
        assert.equal(index.tradable, false);
        assert.ok(index.last_price > 20_000, `NIFTY 50 last_price ${index.last_price}`);
        assert.equal(index.depth, undefined);
        assert.ok(index.ohlc.low <= index.ohlc.high);

        const first = await waitFor(() => early, 'no order placed on connect');
        const firstStatuses = () => updates.filter((u) => u.order_id === first.order_id).map((u) => u.status);
        await waitFor(() => firstStatuses().includes('COMPLETE'),
            () => `the order placed as the ticker connected got the updates ${firstStatuses().join(', ') || 'none'}`);
        assert.deepEqual(firstStatuses(),
            ['PUT ORDER REQ RECEIVED', 'VALIDATION PENDING', 'OPEN PENDING', 'OPEN', 'COMPLETE']);

        const placed = await kite.placeOrder(kite.VARIETY_REGULAR, order('MARKET', 1));
        const mine = () => updates.filter((u) => u.order_id === placed.order_id);
        const complete = await waitFor(() => mine().find((u) => u.status === 'COMPLETE'),
            () => `no order_update with status COMPLETE for order ${placed.order_id} (updates for it: ${
                mine().map((u) => u.status).join(', ') || 'none'}; all updates: ${updates.length})`);
        assert.equal(complete.tradingsymbol, 'INFY');
        assert.equal(complete.exchange, 'NSE');
        assert.equal(complete.transaction_type, 'BUY');
        assert.equal(complete.filled_quantity, 1);
        assert.equal(complete.pending_quantity, 0);
        assert.ok(complete.average_price > 0);
        assert.equal(complete.unfilled_quantity, 0);
        assert.equal(complete.user_id, session.user_id);
        assert.equal(typeof complete.app_id, 'number');
        assert.equal(kite.validatePostback(complete, sim.apiSecret), true, 'the update checksum must validate');
        assert.equal(kite.validatePostback(complete, `${sim.apiSecret}x`), false);
    } finally {
        intervals.restore();
        ticker.disconnect();
        intervals.clear();
    }
});

test('instruments and quotes', async () => {
    const rows = (await kite.getInstruments('NSE')).filter((row) => row.instrument_token !== '');
    assert.ok(rows.length > 100, `only ${rows.length} NSE instruments`);
    assert.deepEqual(Object.keys(rows[0]), CSV_COLUMNS);
    assert.ok(rows.every((row) => row.exchange === 'NSE'));
    const infy = rows.find((row) => row.tradingsymbol === 'INFY');
    assert.ok(infy, 'INFY is not in the NSE instruments');
    assert.equal(Number(infy.instrument_token), INFY);
    assert.equal(Number(infy.exchange_token) * 256 + 1, INFY);
    assert.equal(infy.tick_size, 0.05);
    assert.equal(infy.lot_size, 1);
    assert.equal(infy.instrument_type, 'EQ');
    assert.equal(infy.segment, 'NSE');
    assert.equal(infy.strike, 0);
    assert.ok(infy.last_price > 0);
    const nifty = rows.find((row) => row.tradingsymbol === 'NIFTY 50');
    assert.equal(Number(nifty?.instrument_token), NIFTY);
    assert.equal(nifty.segment, 'INDICES');

    const quotes = await kite.getQuote(['NSE:INFY', 'NSE:NIFTY 50']);
    assert.deepEqual(Object.keys(quotes).sort(), ['NSE:INFY', 'NSE:NIFTY 50']);
    const quote = quotes['NSE:INFY'];
    assert.equal(quote.instrument_token, INFY);
    assert.ok(quote.last_price > 0);
    assert.ok(quote.timestamp instanceof Date && !Number.isNaN(quote.timestamp.getTime()));
    assert.equal(quote.depth.buy.length, 5);
    assert.equal(quote.depth.sell.length, 5);
    assert.ok(quote.depth.buy[0].price < quote.depth.sell[0].price);
    assert.ok(quote.lower_circuit_limit < quote.last_price && quote.last_price < quote.upper_circuit_limit);
    assert.ok(quote.ohlc.close > 0);
    assert.equal(quotes['NSE:NIFTY 50'].instrument_token, NIFTY);
    assert.equal(quotes['NSE:NIFTY 50'].depth, undefined);

    const ltp = await kite.getLTP(['NSE:INFY', 'NSE:NIFTY 50']);
    assert.deepEqual(Object.keys(ltp).sort(), ['NSE:INFY', 'NSE:NIFTY 50']);
    assert.equal(ltp['NSE:INFY'].instrument_token, INFY);
    assert.ok(ltp['NSE:INFY'].last_price > 0);
    assert.ok(ltp['NSE:NIFTY 50'].last_price > 20_000);

    const ohlc = await kite.getOHLC(['NSE:INFY']);
    assert.equal(ohlc['NSE:INFY'].instrument_token, INFY);
    assert.ok(ohlc['NSE:INFY'].last_price > 0);
    const { open, high, low, close } = ohlc['NSE:INFY'].ohlc;
    assert.ok(low <= open && open <= high && low <= high && close > 0, JSON.stringify(ohlc['NSE:INFY'].ohlc));
});

test('orders: place, modify, cancel and read the books', async () => {
    const positionsBefore = await kite.getPositions();
    const market = await kite.placeOrder(kite.VARIETY_REGULAR, order('MARKET', 3));
    assert.equal(typeof market.order_id, 'string');
    const ltp = (await kite.getLTP(['NSE:INFY']))['NSE:INFY'].last_price;
    const limit = await kite.placeOrder(kite.VARIETY_REGULAR, order('LIMIT', 2, { price: onTick(ltp, 0.95) }));
    assert.notEqual(limit.order_id, market.order_id);

    const lower = onTick(ltp, 0.94);
    const modified = await kite.modifyOrder(kite.VARIETY_REGULAR, limit.order_id,
        { quantity: 4, order_type: 'LIMIT', price: lower });
    assert.equal(modified.order_id, limit.order_id);
    const cancelled = await kite.cancelOrder(kite.VARIETY_REGULAR, limit.order_id);
    assert.equal(cancelled.order_id, limit.order_id);

    const book = await kite.getOrders();
    const bought = book.find((o) => o.order_id === market.order_id);
    const withdrawn = book.find((o) => o.order_id === limit.order_id);
    assert.ok(bought && withdrawn, 'both orders must be in the order book');
    assert.equal(bought.status, 'COMPLETE');
    assert.equal(bought.variety, 'regular');
    assert.equal(bought.product, 'CNC');
    assert.equal(bought.filled_quantity, 3);
    assert.ok(bought.average_price > 0);
    assert.ok(bought.order_timestamp instanceof Date && !Number.isNaN(bought.order_timestamp.getTime()));
    assert.equal(withdrawn.status, 'CANCELLED');
    assert.equal(withdrawn.quantity, 4);
    assert.equal(withdrawn.price, lower);
    assert.equal(withdrawn.filled_quantity, 0);
    assert.ok(book.indexOf(bought) < book.indexOf(withdrawn), 'the order book lists orders in placement order');

    const history = await kite.getOrderHistory(limit.order_id);
    assert.deepEqual(history.map((o) => o.status), ['PUT ORDER REQ RECEIVED', 'VALIDATION PENDING', 'OPEN PENDING',
        'OPEN', 'MODIFY VALIDATION PENDING', 'MODIFY PENDING', 'MODIFIED', 'OPEN', 'CANCEL PENDING', 'CANCELLED']);
    assert.ok(history.every((o) => o.order_id === limit.order_id));
    assert.equal(history[0].quantity, 2);
    assert.equal(history.at(-1).quantity, 4);

    const orderTrades = await kite.getOrderTrades(market.order_id);
    assert.ok(orderTrades.length >= 1, 'the MARKET order has no trades');
    assert.equal(orderTrades.reduce((sum, t) => sum + t.quantity, 0), 3);
    assert.ok(orderTrades.every((t) => t.order_id === market.order_id && t.tradingsymbol === 'INFY'));
    assert.ok(orderTrades.every((t) => typeof t.trade_id === 'string' && t.average_price > 0));
    assert.ok(orderTrades.every((t) => t.fill_timestamp instanceof Date));
    assert.ok(orderTrades.every((t) => /^\d\d:\d\d:\d\d$/.test(t.order_timestamp)),
        'a trade order_timestamp is the time of day only');
    const trades = await kite.getTrades();
    assert.deepEqual(trades.filter((t) => t.order_id === market.order_id).map((t) => t.trade_id),
        orderTrades.map((t) => t.trade_id));
    assert.equal(trades.filter((t) => t.order_id === limit.order_id).length, 0);

    const positions = await kite.getPositions();
    assert.equal(netQuantity(positions, 'net') - netQuantity(positionsBefore, 'net'), 3);
    assert.equal(netQuantity(positions, 'day') - netQuantity(positionsBefore, 'day'), 3);
    const row = positions.net.find((p) => p.tradingsymbol === 'INFY' && p.product === 'CNC');
    assert.equal(row.instrument_token, INFY);
    assert.equal(row.quantity, row.buy_quantity - row.sell_quantity);

    const holdings = await kite.getHoldings();
    const held = holdings.find((h) => h.tradingsymbol === 'INFY');
    assert.ok(held, 'INFY is not in the holdings');
    assert.equal(held.exchange, 'NSE');
    assert.equal(held.instrument_token, INFY);
    assert.equal(held.isin, 'INE009A01021');
    assert.ok(held.quantity > 0 && held.average_price > 0);
});

test('positions: convertPosition moves part of a day position to another product', async () => {
    const quantityOf = (positions, product) => positions.net
        .filter((p) => p.tradingsymbol === 'INFY' && p.product === product)
        .reduce((sum, p) => sum + p.quantity, 0);
    const start = await kite.getPositions();
    await kite.placeOrder(kite.VARIETY_REGULAR, order('MARKET', 4, { product: 'MIS' }));
    let before = await kite.getPositions();
    for (let i = 0; i < 50 && quantityOf(before, 'MIS') < quantityOf(start, 'MIS') + 4; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        before = await kite.getPositions();
    }
    assert.equal(quantityOf(before, 'MIS'), quantityOf(start, 'MIS') + 4, 'the MIS buy did not fill');

    const converted = await kite.convertPosition({
        exchange: 'NSE', tradingsymbol: 'INFY', transaction_type: 'BUY', position_type: 'day', quantity: 3,
        old_product: 'MIS', new_product: 'CNC',
    });

    assert.equal(converted, true);
    const after = await kite.getPositions();
    assert.equal(quantityOf(after, 'MIS'), quantityOf(before, 'MIS') - 3);
    assert.equal(quantityOf(after, 'CNC'), quantityOf(before, 'CNC') + 3);
    const tooMuch = await kite.convertPosition({
        exchange: 'NSE', tradingsymbol: 'INFY', transaction_type: 'BUY', position_type: 'day', quantity: 1000,
        old_product: 'MIS', new_product: 'CNC',
    }).then(() => null, (error) => error);
    assert.equal(tooMuch?.error_type, 'InputException', JSON.stringify(tooMuch));
});

test('errors: Kite error envelopes and exceptions', async () => {
    const unknownSymbol = order('MARKET', 1, { tradingsymbol: 'NOSUCHSYMBOL' });
    const unknown = await httpStatusOf(kite.placeOrder(kite.VARIETY_REGULAR, unknownSymbol), '/orders/regular');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.error.status, 'error');
    assert.equal(unknown.error.error_type, 'InputException');
    assert.match(unknown.error.message, /tradingsymbol/);

    const variety = await httpStatusOf(kite.placeOrder('bogus', order('MARKET', 1)), '/orders/bogus');
    assert.equal(variety.status, 400);
    assert.equal(variety.error.error_type, 'InputException');
    assert.match(variety.error.message, /variety/);

    const noPrice = await httpStatusOf(kite.placeOrder(kite.VARIETY_REGULAR, order('LIMIT', 1)), '/orders/regular');
    assert.equal(noPrice.status, 400);
    assert.equal(noPrice.error.error_type, 'InputException');
    assert.match(noPrice.error.message, /`price`/);

    const stranger = client('bogus');
    let expired = 0;
    stranger.setSessionExpiryHook(() => { expired += 1; });
    const token = await httpStatusOf(stranger.getProfile(), '/user/profile');
    assert.equal(token.status, 403);
    assert.equal(token.error.status, 'error');
    assert.equal(token.error.error_type, 'TokenException');
    assert.equal(typeof token.error.message, 'string');
    assert.equal(expired, 1, 'the session expiry hook must fire once on a TokenException');
    assert.equal((await kite.getProfile()).user_id, session.user_id);
});

test('margins and charges: orderMargins, orderBasketMargins and getvirtualContractNote', async () => {
    const delivery = { exchange: 'NSE', tradingsymbol: 'INFY', transaction_type: 'BUY', variety: 'regular',
        product: 'CNC', order_type: 'LIMIT', quantity: 10, price: 1500, trigger_price: 0 };
    const [full] = await kite.orderMargins([delivery], 'full');
    assert.equal(full.type, 'equity');
    assert.equal(full.tradingsymbol, 'INFY');
    assert.equal(full.var, 15_000);
    assert.equal(full.total, 15_000);
    assert.equal(full.leverage, 1);
    assert.deepEqual(full.pnl, { realised: 0, unrealised: 0 });
    assert.equal(full.charges.transaction_tax_type, 'stt');
    assert.equal(full.charges.transaction_tax, 15);
    assert.equal(full.charges.stamp_duty, 2.25);
    assert.ok(Math.abs(full.charges.exchange_turnover_charge - 0.4605) < 1e-12, 'unrounded, as Kite shows it');
    assert.ok(Math.abs(full.charges.gst.igst - 0.08559) < 1e-12, `gst ${full.charges.gst.igst}`);
    assert.ok(Math.abs(full.charges.total - 17.81109) < 1e-9, `charges total ${full.charges.total}`);
    const [compact] = await kite.orderMargins([{ ...delivery, product: 'MIS' }]);
    assert.equal(compact.total, 3_000);
    assert.equal(compact.var, 0);

    const calls = (await kite.getInstruments('NFO'))
        .filter((row) => row.instrument_type === 'CE' && row.tradingsymbol.startsWith('NIFTY'))
        .sort((a, b) => a.expiry - b.expiry || a.strike - b.strike);
    const sold = calls[Math.floor(calls.length / 4)];
    const bought = calls[Math.floor(calls.length / 4) + 1];
    assert.equal(sold.expiry.getTime(), bought.expiry.getTime(), 'the two calls must share an expiry');
    const leg = (row, side) => ({ exchange: 'NFO', tradingsymbol: row.tradingsymbol, transaction_type: side,
        variety: 'regular', product: 'NRML', order_type: 'MARKET', quantity: 65, price: 0, trigger_price: 0 });
    const legs = [leg(sold, 'SELL'), leg(bought, 'BUY')];
    const { basket, compactBasket } = await basketsAtOnePrice(legs);
    assert.deepEqual(Object.keys(basket).sort(), ['charges', 'final', 'initial', 'orders']);
    assert.equal(basket.orders.length, 2);
    assert.ok(basket.orders[0].span > 0 && basket.orders[0].exposure > 0, JSON.stringify(basket.orders[0]));
    assert.ok(basket.orders[1].option_premium > 0);
    assert.ok(basket.final.total < basket.initial.total, `final ${basket.final.total} < ${basket.initial.total}`);
    assert.ok(basket.final.option_premium < 0, 'the premium of the sold call is credited');
    assert.equal(basket.charges.brokerage, 40);
    assert.equal(compactBasket.final.total, basket.final.total);
    assert.equal(compactBasket.initial.span, 0);

    const notes = await kite.getvirtualContractNote([{ order_id: '1', exchange: 'NSE', tradingsymbol: 'INFY',
        transaction_type: 'SELL', variety: 'regular', product: 'CNC', order_type: 'LIMIT', quantity: 10,
        average_price: 1500 }]);
    assert.equal(notes.length, 1);
    assert.equal(notes[0].transaction_type, 'SELL');
    assert.equal(notes[0].price, 1500);
    assert.equal(notes[0].charges.stamp_duty, 0);
    assert.ok(Math.abs(notes[0].charges.total - (15 + 0.4605 + 0.015 + 13 + 2.42559)) < 1e-9,
        `contract note total ${notes[0].charges.total} (with the DP charge)`);

    const refused = await httpStatusOf(kite.orderMargins([{ ...delivery, quantity: 0 }]), '/margins/orders');
    assert.equal(refused.status, 400);
    assert.equal(refused.error.error_type, 'InputException');
    assert.match(refused.error.message, /`quantity`/);
});

test('gtt: place, list, read, modify and delete triggers', async () => {
    const ltp = (await kite.getLTP(['NSE:INFY']))['NSE:INFY'].last_price;
    const lower = onTick(ltp, 0.96);
    const upper = onTick(ltp, 1.04);
    const leg = (transaction_type, quantity, price) =>
        ({ transaction_type, quantity, product: 'CNC', order_type: 'LIMIT', price });
    const gtt = (trigger_type, trigger_values, orders) =>
        ({ trigger_type, exchange: 'NSE', tradingsymbol: 'INFY', trigger_values, last_price: ltp, orders });

    const single = await kite.placeGTT(gtt(kite.GTT_TYPE_SINGLE, [upper], [leg('BUY', 2, upper)]));
    assert.equal(typeof single.trigger_id, 'number');
    const oco = await kite.placeGTT(gtt(kite.GTT_TYPE_OCO, [lower, upper],
        [leg('SELL', 1, lower), leg('SELL', 1, upper)]));
    assert.notEqual(oco.trigger_id, single.trigger_id);

    const listed = await kite.getGTTs();
    assert.deepEqual(listed.map((t) => t.id).filter((id) => id === single.trigger_id || id === oco.trigger_id).sort(),
        [single.trigger_id, oco.trigger_id].sort());
    const read = await kite.getGTT(single.trigger_id);
    assert.equal(read.id, single.trigger_id);
    assert.equal(read.type, kite.GTT_TYPE_SINGLE);
    assert.equal(read.status, kite.GTT_STATUS_ACTIVE);
    assert.equal(read.user_id, session.user_id);
    assert.equal(read.parent_trigger, null);
    assert.match(read.created_at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.equal(Number(read.expires_at.slice(0, 4)), Number(read.created_at.slice(0, 4)) + 1);
    assert.deepEqual(read.condition, { exchange: 'NSE', last_price: ltp, tradingsymbol: 'INFY',
        trigger_values: [upper], instrument_token: INFY });
    assert.equal(read.orders.length, 1);
    assert.equal(read.orders[0].transaction_type, 'BUY');
    assert.equal(read.orders[0].quantity, 2);
    assert.equal(read.orders[0].price, upper);
    assert.equal(read.orders[0].result, null);
    const pair = await kite.getGTT(oco.trigger_id);
    assert.equal(pair.type, kite.GTT_TYPE_OCO);
    assert.deepEqual(pair.condition.trigger_values, [lower, upper]);
    assert.deepEqual(pair.orders.map((o) => o.price), [lower, upper]);

    const modified = await kite.modifyGTT(single.trigger_id, gtt(kite.GTT_TYPE_SINGLE, [upper],
        [leg('BUY', 5, upper)]));
    assert.equal(modified.trigger_id, single.trigger_id);
    assert.equal((await kite.getGTT(single.trigger_id)).orders[0].quantity, 5);

    const tooClose = await refusedWhileTheMarketHolds(async () => {
        const now = (await kite.getLTP(['NSE:INFY']))['NSE:INFY'].last_price;
        return kite.placeGTT(gtt(kite.GTT_TYPE_SINGLE, [onTick(now, 1.0005)], [leg('BUY', 1, upper)]));
    }, (placed) => kite.deleteGTT(placed.trigger_id), '/gtt/triggers');
    assert.equal(tooClose.status, 400);
    assert.equal(tooClose.error.error_type, 'InputException');
    assert.match(tooClose.error.message, /condition\.trigger_values/);
    const market = await httpStatusOf(kite.placeGTT(gtt(kite.GTT_TYPE_SINGLE, [upper],
        [{ ...leg('BUY', 1, upper), order_type: 'MARKET' }])), '/gtt/triggers');
    assert.equal(market.status, 400);
    assert.match(market.error.message, /orders\[0\]\.order_type/);

    for (const id of [single.trigger_id, oco.trigger_id]) {
        assert.equal((await kite.deleteGTT(id)).trigger_id, id);
    }
    assert.equal((await kite.getGTT(oco.trigger_id)).status, kite.GTT_STATUS_DELETED);
    const remaining = (await kite.getGTTs()).map((t) => t.id);
    assert.ok(!remaining.includes(single.trigger_id) && !remaining.includes(oco.trigger_id));
    const gone = await httpStatusOf(kite.deleteGTT(single.trigger_id), `/gtt/triggers/${single.trigger_id}`);
    assert.equal(gone.status, 400);
    assert.equal(gone.error.error_type, 'InputException');
    assert.match(gone.error.message, /trigger_id/);
});
