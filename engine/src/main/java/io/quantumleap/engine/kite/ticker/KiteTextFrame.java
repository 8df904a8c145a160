package io.quantumleap.engine.kite.ticker;

/**
 * What a Kite ticker text frame ({@code {"type":..., "data":...}}) turned out to be, as parsed by
 * {@link KiteTextFrameParser}.
 */
public sealed interface KiteTextFrame
{
    /**
     * A {@code type:"order"} frame, written as an SBE {@code OrderUpdateCommand}.
     *
     * @param encodedLength bytes written, message header included.
     * @param brokerOrderId Kite order_id, for logs.
     * @param kiteStatus    the status string as Kite sent it (unrecognised ones map to UNKNOWN).
     */
    record OrderUpdate(int encodedLength, String brokerOrderId, String kiteStatus) implements KiteTextFrame
    {
    }

    /**
     * A {@code type:"error"} frame: an error Kite reports on the ticker connection.
     *
     * @param message the data string.
     */
    record BrokerError(String message) implements KiteTextFrame
    {
    }

    /**
     * A {@code type:"message"} frame: a broker message or alert for the user.
     *
     * @param message the data string.
     */
    record BrokerMessage(String message) implements KiteTextFrame
    {
    }

    /**
     * A frame that could not be understood; nothing was written.
     *
     * @param field  JSON path of the offending field, e.g. {@code data.quantity}, or {@code json} when the
     *               text is not JSON at all.
     * @param reason what was wrong and what is accepted.
     */
    record Invalid(String field, String reason) implements KiteTextFrame
    {
        /**
         * @return one line for logs.
         */
        public String describe()
        {
            return "Kite text frame rejected: field '" + field + "': " + reason;
        }
    }
}
