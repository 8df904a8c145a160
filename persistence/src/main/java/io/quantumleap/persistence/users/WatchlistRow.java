package io.quantumleap.persistence.users;

import java.util.List;

/**
 * One of a user's saved watchlists.
 *
 * @param name     as the user named it.
 * @param items    in the user's order.
 * @param selected the instrument token the user last selected in it, or null.
 */
public record WatchlistRow(String name, List<WatchlistItemRow> items, Long selected)
{
    public WatchlistRow
    {
        items = List.copyOf(items);
    }
}
