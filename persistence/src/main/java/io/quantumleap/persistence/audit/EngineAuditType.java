package io.quantumleap.persistence.audit;

/**
 * The audit trail's event types written from the engine's {@code out} journal, each stored by its name. The API shell
 * writes its own, in lower case.
 */
public enum EngineAuditType
{
    /** A request the core refused (risk, kill switch, unknown order...) or the broker refused or left unanswered. */
    REJECT,
    /** An account's risk limits as the core took them. */
    RISK_LIMITS,
    /** An account's kill switch set. */
    KILL_SWITCH,
    /** A working order the core cancels because the kill switch halted its account. */
    KILL_SWITCH_CANCEL,
    /** An account's broker session began, ended or expired. */
    BROKER_SESSION,
    /** The market-data feed went silent or came back. */
    FEED_GAP,
    /** A conversion made at the broker that the engine had not been told of, which the core followed. */
    BROKER_CONVERSION,
    /** The day's instruments loaded. */
    INSTRUMENTS_LOADED,
    /** An order the core closed itself: not in the broker's book, or its session ended without the broker's word. */
    ORDER_CLOSED,
    /** An order the broker or the exchange rejected. */
    ORDER_REJECTED
}
