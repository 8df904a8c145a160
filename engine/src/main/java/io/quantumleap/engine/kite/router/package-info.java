/**
 * The Kite side of the order router: {@link io.quantumleap.engine.kite.router.BrokerGateway} is the SPI the
 * router loop calls with each {@code BrokerRequestEvent}; {@link io.quantumleap.engine.kite.router.KiteBroker}
 * implements it over the REST client and feeds acks, rejects and reconciliation results back as commands.
 */
package io.quantumleap.engine.kite.router;
