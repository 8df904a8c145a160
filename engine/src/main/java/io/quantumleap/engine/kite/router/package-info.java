/**
 * The Kite side of the order router: {@link io.quantumleap.engine.kite.router.KiteBroker} implements the
 * router's {@link io.quantumleap.engine.router.Broker} SPI over the Kite REST client (acks and typed rejects
 * through {@link io.quantumleap.engine.router.BrokerReplies}) and reconciles orders, trades and positions with
 * Kite on start, on feed reconnect and on token rotation.
 */
package io.quantumleap.engine.kite.router;
