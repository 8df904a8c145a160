/**
 * The Disruptor pipeline in front of the core: producers copy SBE commands into fixed-size ring slots, the
 * journal handler appends each to the {@link io.quantumleap.engine.spi.InputJournal} and only then does the core
 * handler hand it to the {@link io.quantumleap.engine.spi.CommandHandler}. Starts two threads, {@code qleap-journal}
 * and {@code qleap-core}, or only {@code qleap-core} when the journal appends on the core thread
 * ({@code qleap.engine.journal.thread}).
 */
package io.quantumleap.engine.pipeline;
