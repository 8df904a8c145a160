package io.quantumleap.persistence.users;

import java.util.List;

/**
 * A user's saved watchlist.
 *
 * @param items    in the user's order.
 * @param selected the instrument token the user last selected, or null.
 */
public record WatchlistRow(List<WatchlistItemRow> items, Long selected)
{
    public WatchlistRow
    {
        items = List.copyOf(items);
    }
}
