package io.quantumleap.gateway.live;

/** Why the engine refused a command, for the API's 422 answer. */
public record RejectView(long accountId, long clientOrderId, String reason, long limitValue, long actualValue)
{
    /** One sentence naming the rule and, when one applies, the limit and the value that crossed it. */
    public String message()
    {
        final String rule = reason.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        if (limitValue == 0 && actualValue == 0)
        {
            return "rejected by the engine: " + rule;
        }
        return "rejected by the engine: " + rule + " (limit " + limitValue + ", got " + actualValue + ")";
    }
}
