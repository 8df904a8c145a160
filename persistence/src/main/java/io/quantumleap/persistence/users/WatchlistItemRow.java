package io.quantumleap.persistence.users;

import java.math.BigDecimal;

/**
 * One instrument of a user's watchlist, with its names and trading units as they were when it was saved.
 *
 * @param mode {@code ltp}, {@code quote} or {@code full}: how much of its ticks the user streams.
 */
public record WatchlistItemRow(
    long instrumentToken, String exchange, String tradingsymbol, String segment, BigDecimal tickSize, int lotSize,
    String mode)
{
}
