/**
 * Aeron transport of the core's events: the publication sink every downstream process subscribes to (IPC by
 * default, UDP by configuration) and the embedded media driver. Aeron stays in this package.
 */
package io.quantumleap.engine.transport;
