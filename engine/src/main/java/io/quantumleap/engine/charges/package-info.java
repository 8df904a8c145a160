/**
 * Zerodha's charges per executed order (brokerage, STT/CTT, exchange turnover charge, SEBI fee, stamp duty, GST and
 * the DP charge of delivery sells) in {@code long} paise, from rate tables keyed by their effective date
 * (MARKET.md section 8). Depends on the JDK alone, so the core, the gateway and the simulator may all use it: the
 * simulator answers Kite's margin and contract-note calls with it, and a net-P&amp;L estimate can subtract it.
 */
package io.quantumleap.engine.charges;
