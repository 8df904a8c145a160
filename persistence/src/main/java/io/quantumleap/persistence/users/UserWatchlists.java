package io.quantumleap.persistence.users;

import java.util.List;

/**
 * A user's saved watchlists.
 *
 * @param lists   in the user's order.
 * @param active  the index in {@code lists} of the one open.
 * @param version one up with every save, from 1.
 */
public record UserWatchlists(List<WatchlistRow> lists, int active, long version)
{
    public UserWatchlists
    {
        lists = List.copyOf(lists);
    }
}
