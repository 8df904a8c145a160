/**
 * The single-threaded business logic: instruments, orders, positions and pre-trade risk. Owned by the core
 * thread of the pipeline; reads time only from the command it handles, so replaying the same commands gives
 * the same events and the same {@link io.quantumleap.engine.core.TradingCore#stateHash()}.
 */
package io.quantumleap.engine.core;
