package io.quantumleap.persistence.users;

import java.math.BigDecimal;

/** Amounts as read from {@code numeric} columns. */
final class Amounts
{
    private Amounts()
    {
    }

    /** An amount without the zeros the column's scale adds: 1700, not 1700.0000 (nor 1.7E+3); null stays null. */
    static BigDecimal plain(final BigDecimal value)
    {
        if (value == null)
        {
            return null;
        }
        final BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
