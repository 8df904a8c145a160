/**
 * The order router: consumes the core's {@code BrokerRequestEvent}s off the core thread, calls the broker through
 * the {@link io.quantumleap.engine.router.Broker} SPI and turns its replies into commands published back into the
 * ring. The Kite REST broker lives elsewhere; tests use a loopback broker.
 */
package io.quantumleap.engine.router;
