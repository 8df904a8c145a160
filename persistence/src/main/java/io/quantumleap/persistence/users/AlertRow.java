package io.quantumleap.persistence.users;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One price alert: the instrument's last price reaching {@code price} from below ({@code above}) or from above
 * ({@code below}).
 *
 * @param direction      {@code above} (fires once the last price is at or above {@code price}) or {@code below}.
 * @param status         {@code active} or {@code triggered}.
 * @param triggeredAt    when it fired, null while active.
 * @param triggeredPrice the last price that fired it, null while active.
 */
public record AlertRow(
    long id,
    UUID userId,
    long instrumentToken,
    String exchange,
    String tradingsymbol,
    String direction,
    BigDecimal price,
    String note,
    String status,
    Instant createdAt,
    Instant triggeredAt,
    BigDecimal triggeredPrice)
{
    public static final String ABOVE = "above";
    public static final String BELOW = "below";
    public static final String ACTIVE = "active";
    public static final String TRIGGERED = "triggered";

    /** @return whether a last price of {@code lastPrice} meets the alert's condition. */
    public boolean metBy(final BigDecimal lastPrice)
    {
        final int side = lastPrice.compareTo(price);
        return ABOVE.equals(direction) ? side >= 0 : side <= 0;
    }
}
