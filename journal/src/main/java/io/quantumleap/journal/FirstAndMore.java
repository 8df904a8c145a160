package io.quantumleap.journal;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The one wording of a long list in a refusal, for the journal's tools and the REST API alike: the first
 * {@value #NAMED} and how many more ({@code 1, 2, 3 and 5 more}), so that a list of hundreds (a watchlist's
 * instruments, a query's parameters) still gives a line a person can read, and an answer a client cannot make as long
 * as it likes.
 */
public final class FirstAndMore
{
    /** How many of a list are named; the rest are counted. */
    public static final int NAMED = 20;

    private FirstAndMore()
    {
    }

    /**
     * @param items   at least one.
     * @param written how each is written: quoted, cut short.
     * @return the first {@value #NAMED} as written, joined by {@code ", "}, then {@code " and N more"} when there are
     * more.
     */
    public static StringBuilder named(final List<String> items, final UnaryOperator<String> written)
    {
        final int count = items.size();
        final StringBuilder text = new StringBuilder();
        for (final String item : items.subList(0, Math.min(count, NAMED)))
        {
            text.append(text.isEmpty() ? "" : ", ").append(written.apply(item));
        }
        if (count > NAMED)
        {
            text.append(" and ").append(count - NAMED).append(" more");
        }
        return text;
    }
}
