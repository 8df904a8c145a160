package io.quantumleap.journal.replay;

import io.quantumleap.journal.Journal;
import io.quantumleap.journal.export.InstrumentSymbols;
import io.quantumleap.journal.schema.MessageFields;
import org.agrona.collections.LongHashSet;

import java.util.List;

/**
 * The instruments a replay is narrowed to ({@code qleap replay --instrument}, the REST export's {@code instruments}),
 * looked up in the journal itself rather than in a live instrument list, which forgets expired contracts. The whole
 * journal is read once, whatever the range: an instrument defined before the range is that instrument, and none of
 * its messages within the range is an answer, zero rows.
 */
public final class JournalInstruments
{
    private JournalInstruments()
    {
    }

    /**
     * @param journal     open.
     * @param instruments each an instrument token (digits) or {@code EXCHANGE:SYMBOL} (any case), in a form the
     *                    caller has checked.
     * @return their tokens, in the order given: a symbol's is the one the journal last defined under it.
     * @throws IllegalArgumentException for the first instrument the journal knows nothing of: a symbol it does not
     * define, or a token it neither defines nor holds any command about (a token can be fed without ever being defined,
     * and its rows are then exported with no symbol). The message starts with the instrument as given, for the caller
     * to name its option or field before it: {@code 12345: the journal defines no such instrument and holds nothing
     * about it (it defines 2: 408065 NSE:INFY, 738561 NSE:RELIANCE)}.
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
        for (int i = 0; i < tokens.length; i++)
        {
            final String instrument = instruments.get(i);
            final boolean byToken = isToken(instrument);
            final long token = byToken ? InstrumentSymbols.parseToken(instrument) : symbols.token(instrument);
            if (InstrumentSymbols.NO_TOKEN == token)
            {
                throw new IllegalArgumentException(instrument + ": the journal defines no such instrument (it " +
                    "defines " + symbols.describe() + ")");
            }
            if (byToken && null == symbols.symbol(token) && !held.contains(token))
            {
                throw new IllegalArgumentException(instrument + ": the journal defines no such instrument and " +
                    "holds nothing about it (it defines " + symbols.describe() + ")");
            }
            tokens[i] = token;
        }
        return tokens;
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
