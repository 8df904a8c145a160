/**
 * Interfaces the engine calls but does not implement: the input journal and the event sink. Other
 * modules (journal, gateway-api) supply the implementations.
 */
package io.quantumleap.engine.spi;
