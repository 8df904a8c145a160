/**
 * The Kite simulator: a paper-trading broker speaking Kite Connect v3 on one loopback port, the default broker
 * when no Kite credentials are configured. Embed it with {@link io.quantumleap.engine.sim.KiteSimulator} or run
 * {@link io.quantumleap.engine.sim.SimulatorMain} ({@code ./qleap sim}).
 *
 * <h2>Protocol</h2>
 * <ul>
 *   <li>Login: {@code GET /connect/login?v=3&api_key=K[&user_id=U][&redirect_params=..]} answers 302 to the
 *   redirect URL with {@code action=login&type=login&status=success&request_token=..} (single use, 5 minutes). The
 *   default redirect URL is the simulator's own {@code /__sim/redirect}, which echoes the token. The login is of the
 *   first paper user ({@code QL0001}), or of the one {@code user_id} names
 *   ({@link io.quantumleap.engine.sim.PaperUser}, made on its first login): each user has its own orders, trades,
 *   positions, holdings, funds, GTT triggers, order updates on its ticker connections and limit of those
 *   connections; ids come from one sequence, the market and the REST rate limits are shared.</li>
 *   <li>{@code POST /session/token} checks {@code sha256hex(api_key + request_token + api_secret)} and returns the
 *   generate_session shape; access tokens die at the next 06:00 IST or on {@code DELETE /session/token}. The
 *   simulator issues no refresh tokens ({@code "refresh_token": ""}): {@code POST /session/refresh_token} answers
 *   403 TokenException "Token is invalid or has expired." and needs no {@code Authorization}; a
 *   {@code DELETE /session/token} with {@code refresh_token} instead of {@code access_token} answers true.</li>
 *   <li>Every other REST call needs {@code X-Kite-Version: 3} and {@code Authorization: token api_key:access_token}
 *   (403 TokenException otherwise; {@code /instruments} needs only the version header). POST and PUT take form
 *   fields, except the margin and charges calculators, which take a JSON array. Errors use Kite's envelope, naming
 *   the field at fault.</li>
 *   <li>Endpoints: orders (place/modify/cancel, book, per-order history, trades), positions (and conversion),
 *   holdings (and {@code /portfolio/holdings/auctions}, {@code /compact}, {@code /summary} with totals computed from
 *   the holdings, {@code POST /portfolio/holdings/authorise} answering a random {@code request_id}), profile (and
 *   {@code /user/profile/full}, with masked made-up account details), margins, quote/ohlc/ltp, instruments CSV (all, or
 *   {@code /instruments/{exchange}}), historical candles ({@code /instruments/historical/{token}/{interval}}, every
 *   interval from minute to day within Kite's span for it, optional {@code oi}; see {@link
 *   io.quantumleap.engine.sim.HistoricalCandles}: a seeded walk, except today's minutes from the one the simulator
 *   started in, which are made of its live market's trades, {@link io.quantumleap.engine.sim.LiveMinutes}, kept in
 *   memory, about 21 KB per instrument for a whole session; a user without Kite's historical data add-on,
 *   {@code Context#usersWithoutHistoricalData} or {@code KiteSimulator#historicalData}, gets Kite's 403
 *   {@code PermissionException}). Every variety of the path {@code /orders/{variety}} (see
 *   Orders); a modify or cancel must name the order's own variety. {@code autoslice=true} (regular only) splits a
 *   quantity above the freeze limit into at most 10 child orders tagged {@code autoslice} and
 *   {@code autoslice:<parent>}; a child the RMS refuses (funds, holdings, lot, tick) is answered by an error in
 *   {@code children} in its place and never enters the book.</li>
 *   <li>Margin and charges calculators ({@link io.quantumleap.engine.sim.Margins}): {@code POST /margins/orders}
 *   ({@code ?mode=compact}), {@code POST /margins/basket} ({@code ?consider_positions=true}) and
 *   {@code POST /charges/orders} (the virtual contract note), at most 100 orders of a JSON array each, in the shapes
 *   of the mocks. Margins follow the paper broker's RMS (below): CNC 100%, MIS 20% as {@code var}; futures and
 *   sold options three quarters {@code span}, one quarter {@code exposure} (NFO NRML: span 9% + exposure 3%);
 *   bought options the premium. A basket's final margin credits the premium of sold options and lets a bought
 *   option of the same underlying, expiry and type cover a sold one down to the strike difference. Charges are
 *   Zerodha's of 1 Apr 2026 ({@link io.quantumleap.engine.charges.ChargeSchedule}; earlier dates use that table),
 *   STT/CTT rounded to the rupee; a delivery sell's {@code total} includes the ₹13 + GST DP charge.</li>
 *   <li>Rate limits per calendar second of the injected clock: quotes 1/s, historical 3/s, others 10/s, order
 *   placements 10/s, 200/min, 3000/day (all configurable; 0 disables): 429 NetworkException "Too many requests".</li>
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
 * The universe is built from the seed and the trading date (MARKET.md sections 1, 3 and 4). Tokens are
 * exchange_token x 256 + segment code.
 * <ul>
 *   <li>NSE equities: real tokens for INFY, SBIN, RELIANCE, TCS, HDFCBANK, ICICIBANK, AARON and the NSE rows of the
 *   Kite mocks, then generated symbols; ticks 0.01 below 250 rupees and 0.05 from 250; fixed 2/5/10/20% bands for
 *   stocks without F&amp;O.</li>
 *   <li>BSE equities (segment 4): the well-known stocks under their real scrip codes (INFY 128053508), then other NSE
 *   stocks dual-listed; a quarter as many as the NSE equities.</li>
 *   <li>Indices (segment 9, index packets without depth): NIFTY 50 (256265), NIFTY BANK (260105), SENSEX (265).</li>
 *   <li>NFO: NIFTY (lot 65, freeze 1800) and BANKNIFTY (lot 30, freeze 600) futures for two monthly expiries (last
 *   Tuesday, ticks 0.10/0.20), stock futures, monthly options around the money and NIFTY weekly options.</li>
 *   <li>BFO: SENSEX monthly future (last Thursday, lot 20, freeze 1000, tick 0.20) and weekly options (Thursday).</li>
 *   <li>CDS (segment 3): USDINR, EURINR, GBPINR and JPYINR futures for two expiries (two trading days before the
 *   month's last); lot_size 1 with multiplier 1000, tick 0.0025, 4-decimal prices. Every CDS price inside the
 *   simulator and on the ticker is in 1/10^7 rupee, the segment's wire divisor (PROTOCOL.md D.7).</li>
 *   <li>MCX (segment 7): CRUDEOIL, NATURALGAS, GOLD, GOLDM and SILVER futures; lot_size 1 (quantity in lots) with
 *   the contract multiplier (100, 1250, 100, 10, 30); expiry days are the simulator's approximation.</li>
 * </ul>
 * Each step moves every independent instrument with a probability (default 0.5) by a seeded random walk that stays
 * within its band, at a daily volatility that holds at any tick rate (1.5% by default, the historical walk's;
 * {@code Context#volatility}, pulled back to where it started over {@code Context#reversionMinutes}); derivatives
 * follow their underlying; depth is five levels on tick. Each move trades what keeps an instrument's volume a minute
 * at its candles' average whatever the tick rate; a stock's volume is drawn from its trading symbol, from tens of
 * thousands of shares a session to millions, with the stocks that have derivatives at the top and a BSE listing a
 * tenth of the NSE one ({@code HistoricalCandles#liquidity}), and its depth levels deeper with the square root of
 * that ({@code Market#depthLevelLots}). Started after its segment's
 * open on a trading day (in either mode), an instrument that walks on its own starts from the historical walk's
 * session so far: its open, high, low and volume up to the last whole minute (the whole session after the close),
 * and that minute's close as its last price, so the live prices go on from the minute candles served of today and
 * walk around that price (otherwise around the previous close). Positions, margins and P&amp;L use the multiplier
 * and the segment's price unit.
 *
 * <h2>Orders</h2>
 * Malformed requests get 400 InputException naming the field. Products: CNC and MTF only for cash equity, NRML only
 * for derivatives (NFO, BFO, CDS, MCX), MIS everywhere, CO for cover orders. Prices take at most 2 decimals (4 for
 * CDS); a client's binary floating-point rendering of such a price ({@code 1496.3500000000001}) is read as the price
 * it stands for. Kite's RMS pre-checks (MARKET.md section 6) refuse a placement at once, a 400 InputException, and the
 * order never appears in the book: quantity above the freeze limit, price outside the circuit band (10% otherwise,
 * 40% for options, 3% CDS, 6% MCX), stop-loss trigger on the wrong side of the last price, MARKET on stock or
 * commodity options (a modify that breaks one is refused too; an AMO or iceberg leg the broker places later is
 * REJECTED). Other business rules give a REJECTED order with a status message, as Kite's RMS does: lot multiples,
 * tick size, SL-M on options and anywhere on BSE/BFO, CNC sells beyond holdings, margin (CNC
 * 100%, MIS 20%, futures 12%/6%, currency 3%, commodity 10%, option buys premium, option sells 12%/6% of spot;
 * MCX orders and positions draw on the commodity segment's funds, 5,00,000 rupees at the day's start, the rest on the
 * equity segment's 10,00,000, kept apart as Kite keeps them), and
 * SEBI's 2026 rules for API orders ({@code requireMarketProtection}, on in {@code ./qleap sim} and the paper
 * broker: MARKET and SL-M need market protection, no IOC on MCX). {@code market_protection} is kept as sent (-1
 * automatic applies 3%); a protected MARKET or SL-M order fills no further than that percentage from the last price
 * and carries Kite's tags {@code mktp} and {@code mktp:<percent applied, 2 decimals>} after its own tag. Accepted
 * orders walk PUT ORDER REQ RECEIVED, VALIDATION PENDING, OPEN PENDING, then OPEN or TRIGGER PENDING; marketable
 * quantity fills against the depth level by level (partial fills rest; IOC cancels the rest; TTL expires); stops
 * trigger when the last price crosses. Modify: MODIFY VALIDATION PENDING, MODIFY PENDING, MODIFIED with the old
 * terms, then OPEN with the new (25 modifications at most). Cancel: CANCEL PENDING, CANCELLED. Varieties:
 * <ul>
 *   <li>{@code amo}: accepted only in the segment's AMO window (equity 16:00-08:58, currency 17:00-08:59, F&amp;O
 *   15:45-09:10, MCX from its close to 08:58, all day on non-trading days; else InputException); no MARKET on index
 *   options. Checked by the RMS at once, then AMO REQ RECEIVED (modifiable and cancellable in the window) until the
 *   release time of MARKET.md section 6 on the next trading day (equity MARKET/LIMIT 09:00, other equity 09:15,
 *   currency and MCX 09:00, F&amp;O 09:15), when it is checked again and goes OPEN PENDING, OPEN and matches.
 *   With market hours kept, equity AMOs released at 09:00 take part in the pre-open call auction (below).</li>
 *   <li>{@code co}: MARKET or LIMIT entry, product CO (MIS accepted), compulsory {@code trigger_price} on the
 *   protective side within 3% of the last price (InputException otherwise); blocked for BANKNIFTY, stock and currency
 *   options. When the entry fills, its stop-loss is placed as its own SL-M order in the other direction with the
 *   entry as {@code parent_order_id} (TRIGGER PENDING). Only the leg's trigger can be modified; cancelling the leg
 *   (optionally with {@code parent_order_id}) exits at market; cancelling an unfilled entry cancels the whole
 *   order.</li>
 *   <li>{@code iceberg}: {@code iceberg_legs} 2..10 and {@code iceberg_quantity} (lot multiple, legs x quantity
 *   covers the order with a non-empty last leg) are required; NSE and BSE equity, NFO and CDS only; no MARKET or SL-M
 *   on BSE. The answer is the first leg; each leg is its own order of the leg quantity with
 *   {@code meta.iceberg {leg, legs, leg_quantity, total_quantity, remaining_quantity}}, and the next is placed, with
 *   the first as parent, when the previous one completes; a cancelled, expired or rejected leg ends the order. A
 *   leg's quantity cannot be modified.</li>
 *   <li>{@code auction}: needs {@code auction_number} of an auction that is open
 *   ({@link io.quantumleap.engine.sim.KiteSimulator#openAuction}, {@code POST /__sim/auctions} or
 *   {@code --auction}; none by default, so InputException "No auction is open"); LIMIT SELL of CNC holdings only.
 *   An auction is the exchange's: every paper user's holders may sell into it. An order rests OPEN and executes at
 *   its price when the auction ends.</li>
 * </ul>
 * Order updates of every variety go to the ticker and the postback URL. Positions follow PROTOCOL.md B.3.
 * By default the market is always open, and a day's session ends at midnight IST: the DAY orders of that day still open
 * are cancelled then (the engine closes the orders of an earlier IST day), AMOs excepted. {@code enforceMarketHours}
 * ({@code --market-hours}) limits trading to each segment's session on NSE trading days (2026's holidays; later years'
 * fixed-date ones): equity 09:15-15:30, F&amp;O 09:15-15:40 (15:30 before 3 Aug 2026), currency 09:00-17:00, MCX
 * 09:00-23:30 (23:55 outside US daylight saving), refusing orders with Kite's "Markets are closed right now"
 * InputException, moving only the segments in session and cancelling open orders at each segment's close. Started while
 * a segment is out of session, its instruments show their last session that has ended (today's after the close, else
 * the previous trading day's) as the historical walk's day candle has it: last price its close, OHLC, volume, open
 * interest, last trade time the session's last second (15:29:59 for NSE equity), that session's circuit limits, and
 * {@code ohlc.close} and {@code net_change} against the close before it (PROTOCOL.md B.5: {@code close} is the previous
 * session's close, and the session shown is the last one, as on Kite's quote after the close in the mocks). Ticker
 * packets carry the same, with that last trade time as exchange time; none is sent but the snapshot on subscribe until
 * the segment opens, when a new session starts from that close (open, high and low at it, volume 0, the instrument's
 * own circuit limits). The depth stays five levels around the close, a quote's {@code timestamp} is the request's time
 * and positions' and holdings' {@code close_price} the close before the start's trading day. AMO windows apply whatever
 * that setting. With the hours kept, the broker squares off intraday positions (MARKET.md section 6) at equity 15:20,
 * F&amp;O 15:25, currency 16:45 and MCX 25 minutes before its close: it cancels the working MIS and cover orders of
 * that segment (not AMOs queued for the next session) and closes each MIS or cover position left open with a MARKET
 * order of its own, tagged {@code autosquareoff}, which meets the market at every step until it fills or the close
 * cancels it (a price locked at its circuit limit); from then to the close, MIS and cover orders and conversions to MIS
 * are refused with an InputException naming the square-off time. Its ₹50 + GST fee is not charged. NSE and BSE cash
 * equity keep the pre-open call auction (MARKET.md section 2; BSE as NSE): order entry 09:00-09:10 (09:08 before 7 Sep
 * 2026, and without the random close), regular LIMIT and MARKET orders of DAY validity without a disclosed quantity,
 * MARKET orders placed, changed or cancelled only until 09:05 from 7 Sep 2026; when entry closes the book is matched at
 * the equilibrium price, here the previous close, as the market does not move before the open: MARKET orders and the
 * limits that cross it fill in full at it, the other limits rest into the continuous session at 09:15, and no order is
 * placed, changed or cancelled until then. Equity AMOs released at 09:00 take part. NFO's current-month futures (and
 * the next month's in the last 5 trading days up to the expiry) have the F&amp;O pre-open of 8 Dec 2025 alike, with
 * entry 09:00-09:08 and MARKET orders throughout it; options, far months and BFO wait for the open. The closing
 * auction and MCX's own holidays are not modelled. A process left running past midnight IST closes the market's day
 * at its last prices: each instrument's next session (at once when the market is always open, at its segment's open
 * when it keeps its hours) starts from that close, with its volume and range anew and its circuit limits set around
 * it; the historical candles of the days it ran stay the seeded walk's.
 * Mutual funds and alerts are not served (404).
 *
 * <h2>GTT</h2>
 * {@code POST /gtt/triggers} and {@code PUT /gtt/triggers/{id}} take the form fields {@code type} ({@code single} or
 * {@code two-leg}), {@code condition} (JSON: exchange, tradingsymbol, trigger_values, last_price) and {@code orders}
 * (JSON list: transaction_type, quantity, order_type, product, price; exchange and tradingsymbol, when sent, must be
 * the condition's) and answer {@code {"trigger_id":N}}, as does {@code DELETE /gtt/triggers/{id}}; {@code GET} gives
 * the trigger list (newest first, as in the mocks; deleted ones left out) or one trigger (deleted ones too) in the
 * shape of gokiteconnect's GTT mocks: id, user_id, parent_trigger, type, created_at, updated_at, expires_at, status,
 * condition (with instrument_token), orders (each with {@code result}, null until it fires) and meta. Ids start at
 * 100001. Checked at placement and modification, each an InputException naming the field: a known, tradable instrument
 * (no index); one trigger value and one order for single, two values (lower below and upper above the last price) and
 * two orders (the first for the lower) for two-leg; every trigger value and price on the tick with at most 2 decimals
 * (4 for CDS), each trigger value at least 0.25% of the last price away from it (0.09 when the price is below 50),
 * measured against the simulator's own last price (the {@code last_price} sent is only echoed); LIMIT orders only;
 * products CNC or MIS for cash equity, NRML or MIS for derivatives (MTF and CO refused); a positive whole quantity in
 * lot multiples; at most 250 active GTTs. Only an active trigger can be modified, and not to another instrument; any
 * trigger not yet deleted can be deleted (status {@code deleted}); an unknown or deleted id is an InputException.
 * Circuit limits, margin and holdings are left to the broker's checks when the order is placed. After every market step
 * the simulator thread looks at the instruments with an active trigger whose last price moved: a single trigger placed
 * above the last price fires when the price rises to it, one placed below when it falls to it; a two-leg trigger fires
 * its first order when the price falls to the lower value and its second when it rises to the upper. Firing places the
 * leg's order as a regular DAY LIMIT order of the user's (order book, fills, order updates and postbacks as any other),
 * sets the status {@code triggered} and the leg's {@code result} (timestamp, triggered_at, {@code order_result} with
 * status {@code success}, or {@code failed} with the rejection reason when the broker rejects or refuses the order);
 * the other leg of a two-leg trigger is not placed. A trigger expires (status {@code expired}) a year after placement,
 * or at the end of its contract's expiry day. With {@code bookFile}, triggers are kept beside the book ({@code
 * paper-broker-gtt.json} for {@code paper-broker.jsonl}), across days (see {@link io.quantumleap.engine.sim.GttState}).
 * Not modelled: the disabled, cancelled and rejected statuses (corporate actions, delisting), sell authorisation (TPIN)
 * and the e-mail.
 *
 * <p>With {@code bookFile} ({@code --book}), the paper broker keeps its book (orders with their histories, trades,
 * positions, id sequences) in that file, a log of its changes appended before each is answered, and a restart within
 * the same trading day takes it back ({@link io.quantumleap.engine.sim.PaperBrokerState}); another paper user's book
 * (and triggers) beside it, {@code paper-broker-QL0002.jsonl}, taken back at start with the first's. A start on a
 * later day begins an empty order book with what the broker carries over: NRML and MTF positions as overnight positions
 * ({@code overnight_quantity}, in {@code net} only, marked to market from the close in {@code m2m}) at their average
 * price, convertible with {@code position_type=overnight}; the day's CNC buys as holdings not settled yet ({@code
 * t1_quantity}, settled at the next day's start) and its CNC sells out of the holdings; the AMOs still waiting for
 * their session. Intraday positions (squared off at the close) and contracts expired since (settled) are not carried.
 * Each segment's {@code opening_balance} is the earlier day's closing one: its realised P&amp;L, what it carries marked
 * to the new close (from which {@code m2m} counts, so no rupee is counted twice or lost), the cash of its deliveries
 * and its charges (one contract note per order, STT to the rupee), kept in the book for the day's restarts.
 * The earlier book is moved aside, renamed with its date. A simulator left running rolls its paper broker's book over
 * alike at midnight IST, before that day's first market step, with or without {@code bookFile}: the ended day's orders
 * (but those still live, which that step ends if their session has) and trades leave it, and what it carries is
 * marked from the market's close of the ended day.
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
 * {@code expireTokens}, {@code clear}; {@code GET} shows them, {@code DELETE} clears them. {@code POST /__sim/auctions}
 * (loopback only) with {@code exchange}, {@code tradingsymbol}, optional {@code minutes} (60) and
 * {@code auction_number} (the first whole number not used) opens an exchange auction; {@code GET} lists those open.
 */
package io.quantumleap.engine.sim;
