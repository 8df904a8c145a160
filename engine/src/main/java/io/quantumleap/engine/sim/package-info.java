/**
 * The Kite simulator: a paper-trading broker speaking Kite Connect v3 on one loopback port, the default broker
 * when no Kite credentials are configured. Embed it with {@link io.quantumleap.engine.sim.KiteSimulator} or run
 * {@link io.quantumleap.engine.sim.SimulatorMain} ({@code ./qleap sim}).
 *
 * <h2>Protocol</h2>
 * <ul>
 *   <li>Login: {@code GET /connect/login?v=3&api_key=K[&redirect_params=..]} answers 302 to the redirect URL with
 *   {@code action=login&type=login&status=success&request_token=..} (single use, 5 minutes). The default redirect URL
 *   is the simulator's own {@code /__sim/redirect}, which echoes the token.</li>
 *   <li>{@code POST /session/token} checks {@code sha256hex(api_key + request_token + api_secret)} and returns the
 *   generate_session shape; access tokens die at the next 06:00 IST or on {@code DELETE /session/token}.</li>
 *   <li>Every other REST call needs {@code X-Kite-Version: 3} and {@code Authorization: token api_key:access_token}
 *   (403 TokenException otherwise; {@code /instruments} needs only the version header). POST and PUT take form
 *   fields. Errors use Kite's envelope, naming the field at fault.</li>
 *   <li>Endpoints: orders (place/modify/cancel, book, per-order history, trades), positions (and conversion),
 *   holdings, profile, margins, quote/ohlc/ltp, instruments CSV. Only the {@code regular} variety is accepted;
 *   {@code autoslice=true} splits a quantity above the freeze limit into at most 10 child orders tagged
 *   {@code autoslice} and {@code autoslice:<parent>}.</li>
 *   <li>Rate limits per calendar second of the injected clock: quotes 1/s, others 10/s, order placements 10/s,
 *   200/min, 3000/day (all configurable; 0 disables): 429 NetworkException "Too many requests".</li>
 *   <li>Ticker WebSocket at {@code /?api_key=..&access_token=..} (403 before the upgrade for a bad token, 429 past
 *   three connections): subscribe (quote mode), unsubscribe, mode (subscribes too); binary frames mixing LTP, quote,
 *   full and index packets, written with the ticker codec's encoder; a snapshot right after each subscribe or mode;
 *   a 1-byte heartbeat after a second of silence; pongs; {@code {"type":"order"}} text frames in the postback shape
 *   for every order state change; {@code {"type":"error"}} for bad messages. Connections close when their access
 *   token expires.</li>
 *   <li>Postbacks (optional {@code postbackUrl}): raw JSON POSTs with the checksum
 *   {@code sha256hex(order_id + order_timestamp + api_secret)} on COMPLETE, REJECTED, CANCELLED, MODIFIED and partial
 *   fills.</li>
 * </ul>
 *
 * <h2>Market</h2>
 * The universe is built from the seed and the trading date: NSE equities (real tokens for INFY, SBIN, RELIANCE, TCS,
 * HDFCBANK, ICICIBANK, AARON and the NSE rows of the Kite mocks, then generated symbols), NIFTY 50 (256265) and
 * NIFTY BANK (260105), NIFTY and BANKNIFTY futures for two monthly expiries (last Tuesday), stock futures, monthly
 * options around the money and NIFTY weekly options (next Tuesday). Tokens are exchange_token x 256 + segment;
 * NSE cash ticks are 0.01 below 250 rupees and 0.05 from 250; index futures 0.10/0.20, options 0.05; lots and
 * freeze limits from MARKET.md. Each step moves every independent instrument with a probability (default 0.5) by a
 * seeded random walk that stays within its band; derivatives follow their underlying; depth is five levels on tick.
 *
 * <h2>Orders</h2>
 * Malformed requests get 400 InputException. Business rules give a REJECTED order with a status message, as Kite's
 * RMS does: lot multiples, freeze quantity, tick size, circuit band (fixed 2/5/10/20% bands for non-F&amp;O stocks,
 * 10% otherwise, 40% for options), stop-loss trigger side, SL-M on options, CNC sells beyond holdings, margin
 * (CNC 100%, MIS 20%, futures 12%/6%, option buys premium, option sells 12%/6% of spot), and optionally market
 * protection. Accepted orders walk PUT ORDER REQ RECEIVED, VALIDATION PENDING, OPEN PENDING, then OPEN or TRIGGER
 * PENDING; marketable quantity fills against the depth level by level (partial fills rest; IOC cancels the rest;
 * TTL expires); stops trigger when the last price crosses. Modify: MODIFY VALIDATION PENDING, MODIFY PENDING,
 * MODIFIED, OPEN (25 modifications at most). Cancel: CANCEL PENDING, CANCELLED. Positions follow PROTOCOL.md B.3.
 * By default the market is always open; {@code enforceMarketHours} ({@code --market-hours}) limits trading to
 * 09:15-15:30 IST on NSE trading days (2026 holidays), refusing orders with Kite's "Markets are closed right now"
 * InputException and cancelling open orders at the close. Pre-open, the closing auction and AMO queues are not
 * modelled, nor is a day rollover of OHLC, volume and positions for a process left running overnight.
 *
 * <h2>Threads and determinism</h2>
 * The {@code kite-sim} thread owns every piece of state and takes work from Netty threads through a queue; it steps
 * the market at the tick rate and parks in between. With tick rate 0 the market moves only on
 * {@link io.quantumleap.engine.sim.KiteSimulator#step(int)}; with the same seed, clock and calls, outputs repeat.
 * A latency rig can replace the random walk with a {@link io.quantumleap.engine.sim.TickScript}: the simulator thread
 * wakes when the script's next tick is due and sends what it emitted, the script's number in each tick's volume.
 *
 * <h2>Faults</h2>
 * {@link io.quantumleap.engine.sim.Faults} or {@code POST /__sim/faults} (loopback only) with JSON fields
 * {@code stallTicker}, {@code failStatus} (+ {@code failCount}), {@code delayMs}, {@code dropConnections},
 * {@code expireTokens}, {@code clear}; {@code GET} shows them, {@code DELETE} clears them.
 */
package io.quantumleap.engine.sim;
