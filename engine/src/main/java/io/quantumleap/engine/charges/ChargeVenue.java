package io.quantumleap.engine.charges;

/**
 * The exchange whose turnover charge applies: NSE (NSE cash, NFO, CDS), BSE (BSE cash, BFO) or MCX.
 */
public enum ChargeVenue
{
    NSE,
    BSE,
    MCX
}
