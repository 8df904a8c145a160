package io.quantumleap.engine.kite.rest;

import io.quantumleap.engine.protocol.BrokerErrorType;

/**
 * Why a Kite REST call failed: Kite's own {@code error_type} values, chosen from the body and never from the
 * HTTP status, plus the transport failures the client detects itself.
 */
public enum KiteErrorType
{
    /** Session expired or invalid: a new login is needed. */
    TOKEN("TokenException", BrokerErrorType.TOKEN),
    /** Account related. */
    USER("UserException", BrokerErrorType.USER),
    /** Order placement or fetch failed. */
    ORDER("OrderException", BrokerErrorType.ORDER),
    /** Missing or bad parameter. */
    INPUT("InputException", BrokerErrorType.INPUT),
    /** Insufficient funds. */
    MARGIN("MarginException", BrokerErrorType.MARGIN),
    /** Insufficient holdings to sell. */
    HOLDING("HoldingException", BrokerErrorType.HOLDING),
    /**
     * Kite could not reach its OMS; also Kite's rate limiting (HTTP 429). For an order the outcome is unknown (the
     * engine reads the order book to learn it), as the core takes a {@code NETWORK} reject.
     */
    NETWORK("NetworkException", BrokerErrorType.NETWORK),
    /** The OMS reply was unintelligible to Kite. */
    DATA("DataException", BrokerErrorType.DATA),
    /** Unclassified, including error_type values this client does not know. */
    GENERAL("GeneralException", BrokerErrorType.GENERAL),
    /** The call is not permitted for this app or user. */
    PERMISSION("PermissionException", BrokerErrorType.PERMISSION),
    /** Two-factor authentication required. */
    TWO_FA("TwoFAException", BrokerErrorType.USER),
    /** No reply within the request timeout: for an order, the outcome is unknown. */
    TIMEOUT(null, BrokerErrorType.TIMEOUT),
    /** The connection could not be made: the request never reached Kite. */
    CONNECT_FAILED(null, BrokerErrorType.GENERAL),
    /** The connection broke after the request was sent: for an order, the outcome is unknown. */
    CONNECTION_LOST(null, BrokerErrorType.TIMEOUT),
    /** A reply arrived but was not the JSON envelope Kite documents: for an order, the outcome is unknown. */
    MALFORMED_RESPONSE(null, BrokerErrorType.TIMEOUT),
    /** An HTTP error status without a Kite error envelope (a proxy's error page, for example). */
    HTTP_ERROR(null, BrokerErrorType.GENERAL),
    /** Refused by this client's own rate limiter before sending: the request never reached Kite. */
    RATE_LIMITED(null, BrokerErrorType.GENERAL);

    private static final KiteErrorType[] VALUES = values();

    private final String wireName;
    private final BrokerErrorType brokerErrorType;

    KiteErrorType(final String wireName, final BrokerErrorType brokerErrorType)
    {
        this.wireName = wireName;
        this.brokerErrorType = brokerErrorType;
    }

    /**
     * @return Kite's {@code error_type} string, or null for transport errors detected by the client.
     */
    public String wireName()
    {
        return wireName;
    }

    /**
     * @return the engine's error type for broker rejects.
     */
    public BrokerErrorType brokerErrorType()
    {
        return brokerErrorType;
    }

    /**
     * @return true when the request may have reached Kite and its outcome is not known.
     */
    public boolean outcomeUnknown()
    {
        return brokerErrorType == BrokerErrorType.TIMEOUT || brokerErrorType == BrokerErrorType.NETWORK;
    }

    /**
     * Maps Kite's {@code error_type}; an unknown or missing value is {@link #GENERAL}, as the official clients do.
     *
     * @param errorType the {@code error_type} field of the error envelope, may be null.
     * @return the matching type, never null.
     */
    public static KiteErrorType fromWire(final String errorType)
    {
        if (null != errorType)
        {
            for (final KiteErrorType type : VALUES)
            {
                if (errorType.equals(type.wireName))
                {
                    return type;
                }
            }
        }
        return GENERAL;
    }
}
