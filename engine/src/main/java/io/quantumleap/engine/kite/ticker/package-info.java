/**
 * The Kite binary ticker codec: a flyweight decoder for whole ticker messages ({@link
 * io.quantumleap.engine.kite.ticker.KiteTickerDecoder}), the matching encoder for the simulator and tests
 * ({@link io.quantumleap.engine.kite.ticker.KiteTickerEncoder}), the writer that turns a decoded packet into
 * an SBE {@code MarketDataCommand} ({@link io.quantumleap.engine.kite.ticker.MarketDataCommandWriter}) and,
 * off the hot path, the parser of the ticker's JSON text frames ({@link
 * io.quantumleap.engine.kite.ticker.KiteTextFrameParser}).
 *
 * <p>Prices stay integers in the segment's unit (paise for most segments, see {@link
 * io.quantumleap.engine.kite.ticker.KiteTickerProtocol#priceDivisor(long)}); conversion to rupees happens only
 * at the edges. Wire layout: shared/kite/PROTOCOL.md section D.
 */
package io.quantumleap.engine.kite.ticker;
