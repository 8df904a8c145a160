package io.quantumleap.journal.replay;

import io.quantumleap.journal.Journal;
import io.quantumleap.journal.export.InstrumentSymbols;
import io.quantumleap.journal.schema.MessageFields;
import org.agrona.collections.LongHashSet;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The instruments a replay is narrowed to ({@code qleap replay --instrument}, the REST export's {@code instruments}),
 * looked up in the journal itself rather than in a live instrument list, which forgets expired contracts. The whole
 * journal is read once, whatever the range: an instrument defined before the range is that instrument, and none of
 * its messages within the range is an answer, zero rows.
 */
public final class JournalInstruments
{
    /** How many of the instruments it knows nothing of a refusal names; the rest it counts. */
    private static final int NAMED = 20;

    private JournalInstruments()
    {
    }

    /**
     * @param journal     open.
     * @param instruments each an instrument token (digits) or {@code EXCHANGE:SYMBOL} (any case), in a form the
     *                    caller has checked.
     * @return their tokens, in the order given: a symbol's is the one the journal last defined under it.
     * @throws UnknownInstrumentsException for every instrument the journal knows nothing of, all named at once so that
     * the caller need not ask again to learn of the next one: a symbol it does not define, or a token it neither
     * defines nor holds any command about (a token can be fed without ever being defined, and its rows are then
     * exported with no symbol). The message starts with the instruments as given, the first 20 and how
     * many more, for the caller to name its option or field before it: {@code 12345: the journal defines no such
     * instrument and holds nothing about it (it defines 2: 408065 NSE:INFY, 738561 NSE:RELIANCE)}, or {@code 12345,
     * NSE:TCS: the journal defines none of these 2 instruments and holds nothing about the tokens among them (it
     * defines ...)}.
     */
    public static long[] tokens(final Journal journal, final List<String> instruments)
    {
        final long[] tokens = new long[instruments.size()];
        if (instruments.isEmpty())
        {
            return tokens;
        }
        final LongHashSet asked = new LongHashSet();
        for (final String instrument : instruments)
        {
            if (isToken(instrument))
            {
                asked.add(InstrumentSymbols.parseToken(instrument));
            }
        }
        final LongHashSet held = new LongHashSet();
        final InstrumentSymbols symbols = read(journal, asked, held);
        final Set<String> unknown = new LinkedHashSet<>();
        for (int i = 0; i < tokens.length; i++)
        {
            final String instrument = instruments.get(i);
            final boolean byToken = isToken(instrument);
            final long token = byToken ? InstrumentSymbols.parseToken(instrument) : symbols.token(instrument);
            final boolean known = InstrumentSymbols.NO_TOKEN != token &&
                (!byToken || null != symbols.symbol(token) || held.contains(token));
            if (!known)
            {
                unknown.add(instrument);
            }
            tokens[i] = token;
        }
        if (!unknown.isEmpty())
        {
            throw new UnknownInstrumentsException(refusal(List.copyOf(unknown), symbols.describe()),
                List.copyOf(unknown));
        }
        return tokens;
    }

    /**
     * @param unknown the instruments the journal knows nothing of, as given, at least one.
     * @param defined what the journal defines, {@link InstrumentSymbols#describe()}.
     * @return the refusal for a person: the first 20 instruments and how many more, so that a long list
     * (a watchlist of hundreds) still gives a line that can be read.
     */
    private static String refusal(final List<String> unknown, final String defined)
    {
        final int count = unknown.size();
        final StringBuilder text = new StringBuilder(String.join(", ", unknown.subList(0, Math.min(count, NAMED))));
        if (count > NAMED)
        {
            text.append(" and ").append(count - NAMED).append(" more");
        }
        final long byToken = unknown.stream().filter(JournalInstruments::isToken).count();
        if (count == 1)
        {
            text.append(": the journal defines no such instrument").append(byToken == 1 ?
                " and holds nothing about it" : "");
        }
        else
        {
            // A symbol it does not define has no token to look for: only a token can be held without a definition.
            text.append(": the journal defines none of these ").append(count).append(" instruments")
                .append(byToken == count ? " and holds nothing about them" :
                byToken > 0 ? " and holds nothing about the tokens among them" : "");
        }
        return text.append(" (it defines ").append(defined).append(')').toString();
    }

    /** @return whether the text names an instrument by its token: digits only. */
    private static boolean isToken(final String instrument)
    {
        return !instrument.isEmpty() && instrument.chars().allMatch(Character::isDigit);
    }

    /**
     * Reads the journal's commands once, from its start to its end.
     *
     * @param tokens the tokens to look for.
     * @param held   gets those of {@code tokens} that any command is about.
     * @return the instruments the journal defines.
     */
    private static InstrumentSymbols read(final Journal journal, final LongHashSet tokens, final LongHashSet held)
    {
        final InstrumentSymbols symbols = new InstrumentSymbols();
        Replay.of(journal).into((index, buffer, offset, length) ->
        {
            symbols.onExcerpt(index, buffer, offset, length);
            final long token = MessageFields.instrumentToken(buffer, offset);
            if (tokens.contains(token))
            {
                held.add(token);
            }
        }).run();
        return symbols;
    }
}
