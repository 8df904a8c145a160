package io.quantumleap.engine.charges;

/**
 * What a trade is, as the charge tables tell trades apart (MARKET.md section 8): cash equity held (CNC) or squared
 * off the same day (MIS), equity futures and options (NFO, BFO), currency (CDS) and commodity (MCX) futures and
 * options. Options are charged on the premium turnover.
 */
public enum ChargeSegment
{
    EQUITY_DELIVERY,
    EQUITY_INTRADAY,
    FUTURES,
    OPTIONS,
    CURRENCY_FUTURES,
    CURRENCY_OPTIONS,
    COMMODITY_FUTURES,
    COMMODITY_OPTIONS
}
