package io.quantumleap.engine.charges;

/**
 * The charges of one executed order in paise, as a contract note lists them, and as Kite's charge and margin APIs
 * show them before the order executes: STT/CTT, the exchange charge, the SEBI fee and GST unrounded (in nano-rupees
 * here), brokerage, stamp duty and the DP charge to the paisa. A mutable holder the caller owns and
 * {@link ChargeSchedule#charge} overwrites, so a caller on a hot path allocates nothing; not thread-safe.
 */
public final class ChargeBreakdown
{
    /** Nano-rupees in a paisa. */
    public static final long NANO_RUPEES_PER_PAISA = 10_000_000L;

    long brokeragePaise;
    long transactionTaxPaise;
    boolean commodityTax;
    long exchangePaise;
    long sebiPaise;
    long stampDutyPaise;
    long dpPaise;
    long gstPaise;
    long transactionTaxNanoRupees;
    long exchangeNanoRupees;
    long sebiNanoRupees;
    long gstNanoRupees;

    public long brokeragePaise()
    {
        return brokeragePaise;
    }

    /** @return STT or CTT, rounded to the rupee as on the contract note. */
    public long transactionTaxPaise()
    {
        return transactionTaxPaise;
    }

    /** @return true for CTT (commodities), false for STT. */
    public boolean commodityTax()
    {
        return commodityTax;
    }

    /** @return the exchange's turnover charge (transaction charge plus IPFT). */
    public long exchangePaise()
    {
        return exchangePaise;
    }

    public long sebiPaise()
    {
        return sebiPaise;
    }

    public long stampDutyPaise()
    {
        return stampDutyPaise;
    }

    /**
     * @return the depository charge of a delivery sell, before GST. It is due once per scrip per day: a caller
     * adding up several sells of one scrip on one day counts it once.
     */
    public long dpPaise()
    {
        return dpPaise;
    }

    /** @return GST on brokerage, exchange charge, SEBI fee and DP charge. */
    public long gstPaise()
    {
        return gstPaise;
    }

    /** @return STT or CTT unrounded, in nano-rupees (10^-9 rupee), as Kite's charge APIs show it. */
    public long transactionTaxNanoRupees()
    {
        return transactionTaxNanoRupees;
    }

    /** @return the exchange's turnover charge unrounded, in nano-rupees. */
    public long exchangeNanoRupees()
    {
        return exchangeNanoRupees;
    }

    /** @return the SEBI fee unrounded, in nano-rupees. */
    public long sebiNanoRupees()
    {
        return sebiNanoRupees;
    }

    /** @return GST on the brokerage, the unrounded exchange charge and SEBI fee, and the DP charge, in nano-rupees. */
    public long gstNanoRupees()
    {
        return gstNanoRupees;
    }

    /** @return the sum of the charges as Kite's charge APIs show them, in nano-rupees. */
    public long totalNanoRupees()
    {
        return transactionTaxNanoRupees + exchangeNanoRupees + sebiNanoRupees + gstNanoRupees +
            (brokeragePaise + stampDutyPaise + dpPaise) * NANO_RUPEES_PER_PAISA;
    }

    public long totalPaise()
    {
        return brokeragePaise + transactionTaxPaise + exchangePaise + sebiPaise + stampDutyPaise + dpPaise + gstPaise;
    }

    void clear()
    {
        brokeragePaise = 0;
        transactionTaxPaise = 0;
        commodityTax = false;
        exchangePaise = 0;
        sebiPaise = 0;
        stampDutyPaise = 0;
        dpPaise = 0;
        gstPaise = 0;
        transactionTaxNanoRupees = 0;
        exchangeNanoRupees = 0;
        sebiNanoRupees = 0;
        gstNanoRupees = 0;
    }

    public String toString()
    {
        return "ChargeBreakdown{brokeragePaise=" + brokeragePaise + ", " + (commodityTax ? "ctt" : "stt") +
            "Paise=" + transactionTaxPaise + ", exchangePaise=" + exchangePaise + ", sebiPaise=" + sebiPaise +
            ", stampDutyPaise=" + stampDutyPaise + ", dpPaise=" + dpPaise + ", gstPaise=" + gstPaise +
            ", totalPaise=" + totalPaise() + "}";
    }
}
