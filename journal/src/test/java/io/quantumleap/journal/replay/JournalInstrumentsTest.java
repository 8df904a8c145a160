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
}
