package io.quantumleap.journal.replay;

import io.quantumleap.engine.kite.InstrumentTokens;
import io.quantumleap.journal.AsciiDigits;
import io.quantumleap.journal.FirstAndMore;
import io.quantumleap.journal.Journal;
import io.quantumleap.journal.export.InstrumentSymbols;
import io.quantumleap.journal.schema.MessageFields;
import org.agrona.collections.LongHashSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
    private JournalInstruments()
    {
    }

    /**
     * @param journal     open.
     * @param instruments each an instrument token (digits, 1 to {@link InstrumentTokens#MAX}) or
     *                    {@code EXCHANGE:SYMBOL} (any case).
     * @return their tokens, in the order given: a symbol's is the one the journal last defined under it.
     * @throws UnknownInstrumentsException for every instrument of neither form and every one the journal knows
     * nothing of, all named at once so that the caller need not ask again to learn of the next one: a symbol it does
     * not define, or a token it neither defines nor holds any command about (a token can be fed without ever being
     * defined, and its rows are then exported with no symbol). The message starts with the instruments as given, for
     * the caller to name its option or field before it, each kind the first 20 and how many more: those of neither
     * form, quoted, then those the journal knows nothing of: {@code 12345: the journal defines no such instrument and
     * holds nothing about it (it defines 2: 408065 NSE:INFY, 738561 NSE:RELIANCE)}, or {@code 'INFY', 'NSE': none of
     * these 2 is EXCHANGE:SYMBOL (NSE:INFY) or an instrument token (408065); '0': not an instrument token: a token is
     * 1 to 4294967295 (Kite's are 32-bit); 12345, NSE:TCS: the journal defines none of these 2 instruments and holds
     * nothing about the tokens among them (it defines ...)}. The journal is not read when no instrument is of either
     * form.
     */
    public static long[] tokens(final Journal journal, final List<String> instruments)
    {
        return tokens(journal, Forms.of(instruments));
    }

    /**
     * {@link #tokens(Journal, List)} of instruments whose forms were read already, by {@link #forms} or
     * {@link #checkForms}, so that each is read once.
     *
     * @param journal open.
     * @param forms   the instruments' forms.
     * @return as {@link #tokens(Journal, List)} does.
     * @throws UnknownInstrumentsException as {@link #tokens(Journal, List)} does.
     */
    public static long[] tokens(final Journal journal, final Forms forms)
    {
        final Lookup lookup = lookUp(journal, forms);
        if (forms.isEmpty() && lookup.unknown().isEmpty())
        {
            return lookup.tokens();
        }
        final Set<String> refused = new LinkedHashSet<>();
        for (final String instrument : forms.instruments)
        {
            if (forms.contains(instrument) || lookup.unknown().contains(instrument))
            {
                refused.add(instrument);
            }
        }
        final StringBuilder message = forms.describe();
        if (!lookup.unknown().isEmpty())
        {
            message.append(message.isEmpty() ? "" : "; ")
                .append(refusal(List.copyOf(lookup.unknown()), lookup.unknownByToken(), lookup.defined()));
        }
        throw new UnknownInstrumentsException(message.toString(), List.copyOf(refused));
    }

    /**
     * The instruments the journal knows, as {@link #tokens} looks them up, and those it knows nothing of, left out
     * where {@link #tokens} refuses them: for a caller that was given a list it does not control (a watchlist), whose
     * instruments the journal knows nothing of would give no rows anyway.
     *
     * @param journal     open.
     * @param instruments as {@link #tokens} takes them.
     * @return the tokens of those the journal knows, and those it knows nothing of.
     * @throws UnknownInstrumentsException naming every instrument of neither form, as {@link #tokens} does, before the
     * journal is read: those are a mistake of the request, not instruments the journal happens not to know.
     */
    public static Known known(final Journal journal, final List<String> instruments)
    {
        return known(journal, Forms.of(instruments));
    }

    /**
     * {@link #known(Journal, List)} of instruments whose forms were read already, by {@link #forms} or
     * {@link #checkForms}, so that each is read once.
     *
     * @param journal open.
     * @param forms   the instruments' forms.
     * @return as {@link #known(Journal, List)} does.
     * @throws UnknownInstrumentsException as {@link #known(Journal, List)} does.
     */
    public static Known known(final Journal journal, final Forms forms)
    {
        forms.check();
        final Lookup lookup = lookUp(journal, forms);
        final List<String> instruments = forms.instruments;
        final long[] known = new long[instruments.size()];
        int count = 0;
        for (int i = 0; i < known.length; i++)
        {
            if (!lookup.unknown().contains(instruments.get(i)))
            {
                known[count++] = lookup.tokens()[i];
            }
        }
        return new Known(Arrays.copyOf(known, count), List.copyOf(lookup.unknown()));
    }

    /**
     * Reads the instruments' forms alone, without reading the journal, for {@link #tokens(Journal, Forms)} and
     * {@link #known(Journal, Forms)} to take: for a caller that checks them ({@link Forms#check()}) before it waits
     * its turn to read the journal, and then looks them up without reading them again.
     *
     * @param instruments as {@link #tokens} takes them.
     * @return their forms, those of neither form among them.
     */
    public static Forms forms(final List<String> instruments)
    {
        return Forms.of(instruments);
    }

    /**
     * Checks the instruments' forms alone, as {@link #tokens} and {@link #known} do first, without reading the journal:
     * for a caller that refuses a malformed request before it waits its turn to read the journal.
     *
     * @param instruments as {@link #tokens} takes them.
     * @return their forms, for {@link #tokens(Journal, Forms)} or {@link #known(Journal, Forms)}.
     * @throws UnknownInstrumentsException naming every instrument of neither form, as {@link #known} does.
     */
    public static Forms checkForms(final List<String> instruments)
    {
        return Forms.of(instruments).check();
    }

    /**
     * What {@link #known} found.
     *
     * @param tokens  the tokens of the instruments the journal knows, in the order given; empty when it knows none of
     *                them, when the caller has nothing to replay ({@link Replay#instrument} given none keeps every
     *                instrument).
     * @param unknown the instruments it knows nothing of, as given, each once, in the order given.
     */
    public record Known(long[] tokens, List<String> unknown)
    {
        /** Keeps its own copy of both. */
        public Known
        {
            tokens = tokens.clone();
            unknown = List.copyOf(unknown);
        }

        @Override
        public long[] tokens()
        {
            return tokens.clone();
        }
    }

    /**
     * What the journal makes of the instruments of either form.
     *
     * @param tokens  every instrument's token, in the order given; {@link InstrumentSymbols#NO_TOKEN} for one of
     *                neither form or a symbol the journal does not define.
     * @param unknown        the instruments of either form the journal knows nothing of, as given, each once, in
     *                       order.
     * @param unknownByToken how many of {@code unknown} are tokens.
     * @param defined        what the journal defines, {@link InstrumentSymbols#describe()}; null when it was not read.
     */
    private record Lookup(long[] tokens, Set<String> unknown, int unknownByToken, String defined)
    {
    }

    /** Reads the journal once, when any instrument is of either form, and looks those up in it. */
    private static Lookup lookUp(final Journal journal, final Forms forms)
    {
        final List<String> instruments = forms.instruments;
        final long[] tokens = new long[instruments.size()];
        Arrays.fill(tokens, InstrumentSymbols.NO_TOKEN);
        if (forms.wellFormed == 0)
        {
            return new Lookup(tokens, Set.of(), 0, null);
        }
        final LongHashSet asked = new LongHashSet();
        for (int i = 0; i < tokens.length; i++)
        {
            if (forms.byToken[i] && InstrumentSymbols.NO_TOKEN != forms.tokens[i])
            {
                asked.add(forms.tokens[i]);
            }
        }
        final LongHashSet held = new LongHashSet();
        final InstrumentSymbols symbols = read(journal, asked, held);
        final Set<String> unknown = new LinkedHashSet<>();
        int unknownByToken = 0;
        for (int i = 0; i < tokens.length; i++)
        {
            final String instrument = instruments.get(i);
            if (forms.contains(instrument))
            {
                continue;
            }
            final boolean byToken = forms.byToken[i];
            final long token = byToken ? forms.tokens[i] : symbols.token(instrument);
            final boolean known = InstrumentSymbols.NO_TOKEN != token &&
                (!byToken || null != symbols.symbol(token) || held.contains(token));
            if (!known && unknown.add(instrument) && byToken)
            {
                unknownByToken++;
            }
            tokens[i] = token;
        }
        return new Lookup(tokens, Collections.unmodifiableSet(unknown), unknownByToken, symbols.describe());
    }

    /**
     * The instruments as given, each read once for its form: a token (digits, parsed) or {@code EXCHANGE:SYMBOL}, and
     * those of neither form, from {@link #forms} or {@link #checkForms}, for {@link #tokens(Journal, Forms)} and
     * {@link #known(Journal, Forms)} to look up without reading them again.
     */
    public static final class Forms
    {
        private final List<String> instruments;
        /** Whether each is digits alone; in the order given. */
        private final boolean[] byToken;
        /** Each one's token as parsed, {@link InstrumentSymbols#NO_TOKEN} for a symbol or digits out of range. */
        private final long[] tokens;
        /** How many are of either form, counted as given. */
        private final int wellFormed;
        /** Those of neither form, each once, in the order given. */
        private final Set<String> all;
        /** Those of {@link #all} that are neither digits nor {@code EXCHANGE:SYMBOL}. */
        private final List<String> neither;
        /** Those of {@link #all} that are digits outside a token's range. */
        private final List<String> outOfRange;

        private Forms(final List<String> instruments)
        {
            this.instruments = List.copyOf(instruments);
            byToken = new boolean[this.instruments.size()];
            tokens = new long[this.instruments.size()];
            final Set<String> malformed = new LinkedHashSet<>();
            final List<String> neitherForm = new ArrayList<>();
            final List<String> outOfRangeTokens = new ArrayList<>();
            int count = 0;
            for (int i = 0; i < tokens.length; i++)
            {
                final String instrument = this.instruments.get(i);
                byToken[i] = isToken(instrument);
                tokens[i] = byToken[i] ? InstrumentSymbols.parseToken(instrument) : InstrumentSymbols.NO_TOKEN;
                if (byToken[i] ? InstrumentSymbols.NO_TOKEN == tokens[i] : !isSymbol(instrument))
                {
                    if (malformed.add(instrument))
                    {
                        (byToken[i] ? outOfRangeTokens : neitherForm).add(instrument);
                    }
                }
                else
                {
                    count++;
                }
            }
            wellFormed = count;
            all = Collections.unmodifiableSet(malformed);
            neither = List.copyOf(neitherForm);
            outOfRange = List.copyOf(outOfRangeTokens);
        }

        static Forms of(final List<String> instruments)
        {
            return new Forms(instruments);
        }

        /**
         * @return these forms, when every instrument is of either form.
         * @throws UnknownInstrumentsException naming every instrument of neither form, as {@link #known} does.
         */
        public Forms check()
        {
            if (!isEmpty())
            {
                throw new UnknownInstrumentsException(describe().toString(), List.copyOf(all));
            }
            return this;
        }

        boolean isEmpty()
        {
            return all.isEmpty();
        }

        boolean contains(final String instrument)
        {
            return all.contains(instrument);
        }

        /** @return the refusal of them for a person, each kind the first 20 and how many more; empty when none. */
        StringBuilder describe()
        {
            final StringBuilder text = new StringBuilder();
            if (!neither.isEmpty())
            {
                text.append(named(neither, true)).append(neither.size() == 1 ?
                    ": neither EXCHANGE:SYMBOL (NSE:INFY) nor an instrument token (408065)" :
                    ": none of these " + neither.size() + " is EXCHANGE:SYMBOL (NSE:INFY) or an instrument token " +
                    "(408065)");
            }
            if (!outOfRange.isEmpty())
            {
                text.append(text.isEmpty() ? "" : "; ").append(named(outOfRange, true))
                    .append(outOfRange.size() == 1 ? ": not an instrument token" :
                    ": none of these " + outOfRange.size() + " is an instrument token")
                    .append(": a token is 1 to ").append(InstrumentTokens.MAX).append(" (Kite's are 32-bit)");
            }
            return text;
        }
    }

    /**
     * @param instruments at least one.
     * @param quoted      whether each is written in quotes, for text that is not an instrument: it may be empty or
     *                    hold a comma.
     * @return the first 20 and how many more, so that a long list (a watchlist of hundreds) still gives a line that
     * can be read.
     */
    private static StringBuilder named(final List<String> instruments, final boolean quoted)
    {
        return FirstAndMore.named(instruments, quoted ? instrument -> "'" + instrument + "'" :
            instrument -> instrument);
    }

    /**
     * @param unknown the instruments the journal knows nothing of, as given, at least one.
     * @param byToken how many of them are tokens.
     * @param defined what the journal defines, {@link InstrumentSymbols#describe()}.
     * @return the refusal for a person: the first 20 instruments and how many more.
     */
    private static String refusal(final List<String> unknown, final int byToken, final String defined)
    {
        final int count = unknown.size();
        final StringBuilder text = named(unknown, false);
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

    /** @return whether the text names an instrument by its token: ASCII digits only. */
    private static boolean isToken(final String instrument)
    {
        return AsciiDigits.only(instrument);
    }

    /** @return whether the text is {@code EXCHANGE:SYMBOL}: a colon with text on both sides. */
    private static boolean isSymbol(final String instrument)
    {
        final int colon = instrument.indexOf(':');
        return colon > 0 && colon < instrument.length() - 1;
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
