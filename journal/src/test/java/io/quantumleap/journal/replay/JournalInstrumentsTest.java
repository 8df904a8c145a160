package io.quantumleap.journal.replay;

import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalContext;
import io.quantumleap.journal.RecordedSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.quantumleap.journal.RecordedSession.INFY;
import static io.quantumleap.journal.RecordedSession.RELIANCE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JournalInstrumentsTest
{
    private static final String DEFINES = " (it defines 2: 408065 NSE:INFY, 738561 NSE:RELIANCE)";

    @TempDir
    Path dir;

    @BeforeEach
    void record()
    {
        try (Journal journal = Journal.open(new JournalContext().journalDir(dir).pretouch(false)))
        {
            new RecordedSession(journal).setUp().ticks(4).buyAndFill(1, INFY, 10, 150_000).ticks(2);
        }
    }

    private String refusal(final List<String> instruments)
    {
        try (Journal journal = Journal.open(new JournalContext().journalDir(dir).readOnly(true)))
        {
            return assertThrows(IllegalArgumentException.class, () -> JournalInstruments.tokens(journal, instruments))
                .getMessage();
        }
    }

    @Test
    void shouldGiveTheTokensOfTheInstrumentsTheJournalDefinesInTheOrderGiven()
    {
        try (Journal journal = Journal.open(new JournalContext().journalDir(dir).readOnly(true)))
        {
            assertArrayEquals(new long[]{ RELIANCE, INFY },
                JournalInstruments.tokens(journal, List.of("nse:reliance", Long.toString(INFY))));
        }
    }

    @Test
    void shouldNameATokenTheJournalKnowsNothingOfAsBefore()
    {
        assertEquals("12345: the journal defines no such instrument and holds nothing about it" + DEFINES,
            refusal(List.of("NSE:INFY", "12345")));
    }

    @Test
    void shouldNameEveryInstrumentTheJournalKnowsNothingOfInOneRefusal()
    {
        assertEquals("12345, NSE:TCS, 23456: the journal defines none of these 3 instruments and holds nothing " +
            "about the tokens among them" + DEFINES,
            refusal(List.of("NSE:INFY", "12345", "NSE:TCS", Long.toString(RELIANCE), "23456")));
    }

    @Test
    void shouldNameEveryTokenTheJournalKnowsNothingOfOnceHoweverOftenGiven()
    {
        assertEquals("12345, 23456: the journal defines none of these 2 instruments and holds nothing about them" +
            DEFINES, refusal(List.of("12345", "23456", "12345")));
    }

    @Test
    void shouldNameEverySymbolTheJournalDoesNotDefine()
    {
        assertEquals("NSE:TCS, NSE:SBIN: the journal defines none of these 2 instruments" + DEFINES,
            refusal(List.of("NSE:TCS", "NSE:INFY", "NSE:SBIN")));
    }

    @Test
    void shouldNameTheFirstTwentyInstrumentsTheJournalKnowsNothingOfAndCountTheRest()
    {
        final List<String> unknown = new ArrayList<>();
        IntStream.rangeClosed(1, 25).forEach(i -> unknown.add(Integer.toString(10_000 + i)));

        final String named = unknown.stream().limit(20).collect(Collectors.joining(", "));
        assertEquals(named + " and 5 more: the journal defines none of these 25 instruments and holds nothing " +
            "about them" + DEFINES, refusal(unknown));
    }

    @Test
    void shouldNameEveryInstrumentOfNeitherFormInOneRefusal()
    {
        assertEquals("'INFY', '', 'NSE:': none of these 3 is EXCHANGE:SYMBOL (NSE:INFY) or an instrument token " +
            "(408065)", refusal(List.of("INFY", "NSE:INFY", "", "NSE:", "INFY")));
    }

    @Test
    void shouldNameEveryTokenOutOfRangeInOneRefusal()
    {
        assertEquals("'0', '4294967296': none of these 2 is an instrument token: a token is 1 to 4294967295 (Kite's " +
            "are 32-bit)", refusal(List.of("0", Long.toString(INFY), "4294967296")));
    }

    @Test
    void shouldNameInstrumentsOfNeitherFormAndThoseTheJournalKnowsNothingOfInOneRefusal()
    {
        try (Journal journal = Journal.open(new JournalContext().journalDir(dir).readOnly(true)))
        {
            final UnknownInstrumentsException refused = assertThrows(UnknownInstrumentsException.class,
                () -> JournalInstruments.tokens(journal, List.of("12345", "INFY", "0", "NSE:INFY", "NSE:TCS",
                "INFY")));

            assertEquals("'INFY': neither EXCHANGE:SYMBOL (NSE:INFY) nor an instrument token (408065); '0': not an " +
                "instrument token: a token is 1 to 4294967295 (Kite's are 32-bit); 12345, NSE:TCS: the journal " +
                "defines none of these 2 instruments and holds nothing about the tokens among them" + DEFINES,
                refused.getMessage());
            assertEquals(List.of("12345", "INFY", "0", "NSE:TCS"), refused.instruments());
        }
    }

    @Test
    void shouldNameTheFirstTwentyInstrumentsOfNeitherFormAndCountTheRest()
    {
        final List<String> malformed = new ArrayList<>();
        IntStream.rangeClosed(1, 22).forEach(i -> malformed.add("X" + i));

        final String named = malformed.stream().limit(20).map(i -> "'" + i + "'").collect(Collectors.joining(", "));
        assertEquals(named + " and 2 more: none of these 22 is EXCHANGE:SYMBOL (NSE:INFY) or an instrument token " +
            "(408065)", refusal(malformed));
    }

    @Test
    void shouldRefuseATokenWrittenInDevanagariDigitsAsNeitherForm()
    {
        assertEquals("'४०८०६५': neither EXCHANGE:SYMBOL (NSE:INFY) nor an instrument token (408065)",
            refusal(List.of("४०८०६५")));
    }

    @Test
    void shouldLeaveOutTheInstrumentsTheJournalKnowsNothingOfNamingEachOnceInTheOrderGiven()
    {
        try (Journal journal = Journal.open(new JournalContext().journalDir(dir).readOnly(true)))
        {
            final JournalInstruments.Known known = JournalInstruments.known(journal,
                List.of("12345", "nse:reliance", "NSE:TCS", Long.toString(INFY), "12345"));

            assertArrayEquals(new long[]{ RELIANCE, INFY }, known.tokens());
            assertEquals(List.of("12345", "NSE:TCS"), known.unknown());
        }
    }

    @Test
    void shouldKnowNoneOfInstrumentsTheJournalKnowsNothingOf()
    {
        try (Journal journal = Journal.open(new JournalContext().journalDir(dir).readOnly(true)))
        {
            final JournalInstruments.Known known = JournalInstruments.known(journal, List.of("12345", "NSE:TCS"));

            assertArrayEquals(new long[0], known.tokens());
            assertEquals(List.of("12345", "NSE:TCS"), known.unknown());
        }
    }

    @Test
    void shouldStillRefuseInstrumentsOfNeitherFormWhenLeavingOutThoseTheJournalKnowsNothingOf()
    {
        try (Journal journal = Journal.open(new JournalContext().journalDir(dir).readOnly(true)))
        {
            final UnknownInstrumentsException refused = assertThrows(UnknownInstrumentsException.class,
                () -> JournalInstruments.known(journal, List.of("12345", "INFY", "NSE:INFY", "0")));

            assertEquals("'INFY': neither EXCHANGE:SYMBOL (NSE:INFY) nor an instrument token (408065); '0': not an " +
                "instrument token: a token is 1 to 4294967295 (Kite's are 32-bit)", refused.getMessage());
            assertEquals(List.of("INFY", "0"), refused.instruments());
        }
    }

    @Test
    void shouldCheckTheFormsAloneWithoutAJournal()
    {
        final UnknownInstrumentsException refused = assertThrows(UnknownInstrumentsException.class,
            () -> JournalInstruments.checkForms(List.of("12345", "INFY", "NSE:NOPE", "0", "INFY")));

        assertEquals("'INFY': neither EXCHANGE:SYMBOL (NSE:INFY) nor an instrument token (408065); '0': not an " +
            "instrument token: a token is 1 to 4294967295 (Kite's are 32-bit)", refused.getMessage());
        assertEquals(List.of("INFY", "0"), refused.instruments());
        JournalInstruments.checkForms(List.of("12345", "NSE:NOPE"));
    }

    @Test
    void shouldLookUpTheFormsReadBeforeTheJournalAsItLooksUpTheInstruments()
    {
        final List<String> instruments = List.of("12345", "nse:reliance", "NSE:TCS", Long.toString(INFY));
        final JournalInstruments.Forms checked = JournalInstruments.checkForms(instruments);
        final JournalInstruments.Forms malformed = JournalInstruments.forms(List.of("INFY", "12345", "0"));
        try (Journal journal = Journal.open(new JournalContext().journalDir(dir).readOnly(true)))
        {
            final JournalInstruments.Known known = JournalInstruments.known(journal, checked);
            assertArrayEquals(new long[]{ RELIANCE, INFY }, known.tokens());
            assertEquals(List.of("12345", "NSE:TCS"), known.unknown());
            assertArrayEquals(new long[]{ RELIANCE, INFY }, JournalInstruments.tokens(journal,
                JournalInstruments.checkForms(List.of("NSE:RELIANCE", Long.toString(INFY)))));

            final UnknownInstrumentsException refused = assertThrows(UnknownInstrumentsException.class,
                () -> JournalInstruments.tokens(journal, malformed));
            assertEquals("'INFY': neither EXCHANGE:SYMBOL (NSE:INFY) nor an instrument token (408065); '0': not an " +
                "instrument token: a token is 1 to 4294967295 (Kite's are 32-bit); 12345: the journal defines no " +
                "such instrument and holds nothing about it" + DEFINES, refused.getMessage());
            assertEquals(List.of("INFY", "12345", "0"), refused.instruments());
            assertEquals(refused.getMessage().substring(0, refused.getMessage().indexOf("; 12345")),
                assertThrows(UnknownInstrumentsException.class, () -> JournalInstruments.known(journal, malformed))
                .getMessage());
        }
    }
}
