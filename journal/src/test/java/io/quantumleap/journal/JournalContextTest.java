package io.quantumleap.journal;

import io.quantumleap.engine.testing.SystemProperties;
import io.quantumleap.journal.capture.CaptureContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JournalContextTest
{
    @RegisterExtension
    final SystemProperties properties = new SystemProperties();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "qleap.journal.group.commit.max.messages | 0 | expected messages from 1 to 2147483647",
        "qleap.journal.group.commit.max.messages | lots | expected an integer",
        "qleap.journal.block.size | 4096 | expected a power of two of bytes from 65536 to 1073741824",
        "qleap.journal.block.size | 2147483648 | expected a power of two of bytes from 65536 to 1073741824",
        "qleap.journal.block.size | 64m | expected an integer",
        "qleap.journal.pretouch.interval.ms | 0 | expected milliseconds from 1 to 60000",
        "qleap.journal.pretouch.interval.ms | 60001 | expected milliseconds from 1 to 60000",
        "qleap.journal.pretouch.ahead.bytes | -1 | expected bytes from 4096 to 1073741824",
        "qleap.journal.pretouch | yes | expected true or false",
    })
    void shouldRefuseAPropertyOutOfRangeNamingItTheValueAndWhatIsExpected(
        final String property, final String value, final String expected)
    {
        properties.set(property, value);

        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> new JournalContext().conclude());

        assertEquals(property + "=" + value + ": " + expected, ex.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "qleap.journal.capture.ring.bytes | 1024 | expected a power of two of bytes from 65536 to 1073741824",
        "qleap.journal.capture.ring.bytes | 16MiB | expected an integer",
    })
    void shouldRefuseACaptureRingOutOfRangeNamingItTheValueAndWhatIsExpected(
        final String property, final String value, final String expected)
    {
        properties.set(property, value);

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> CaptureContext.of(new JournalContext().journalDir(Path.of("journal"))).conclude());

        assertEquals(property + "=" + value + ": " + expected, ex.getMessage());
    }

    @Test
    void shouldRefuseACaptureSettingThatIsNeitherTrueNorFalse()
    {
        properties.set(JournalConfiguration.CAPTURE_PROP_NAME, "off");

        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, CaptureContext::enabledBySystemProperty);

        assertEquals("qleap.journal.capture=off: expected true or false", ex.getMessage());
    }

    @Test
    void shouldTakeTheDefaultsOfEveryNumber()
    {
        final JournalContext context = new JournalContext().conclude();

        assertEquals(JournalConfiguration.GROUP_COMMIT_MAX_MESSAGES_DEFAULT, context.groupCommitMaxMessages());
        assertEquals(JournalConfiguration.BLOCK_SIZE_DEFAULT, context.blockSize());
        assertEquals(JournalConfiguration.PRETOUCH_DEFAULT, context.pretouch());
        assertEquals(JournalConfiguration.PRETOUCH_INTERVAL_MS_DEFAULT, context.pretouchIntervalMs());
        assertEquals(JournalConfiguration.PRETOUCH_AHEAD_BYTES_DEFAULT, context.pretouchAheadBytes());
        assertEquals(JournalConfiguration.CAPTURE_RING_BYTES_DEFAULT,
            CaptureContext.of(context).conclude().ringBytes());
        assertEquals(JournalConfiguration.CAPTURE_DEFAULT, CaptureContext.enabledBySystemProperty());
    }


    @Test
    void shouldRollAtSixAmIstByDefaultWhichIsHalfAnHourAfterMidnightUtc()
    {
        final JournalContext context = new JournalContext().conclude();
        assertEquals(6 * 60, context.rollMinuteIst());
        assertEquals(30 * 60_000L, context.rollEpochMs());
        assertEquals(Durability.PAGE_CACHE, context.durability());
    }

    @Test
    void shouldRefuseARollTimeThatWouldSplitATradingSessionNamingTheProperty()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new JournalContext().rollMinuteIst(JournalContext.parseRollTime("10:00")).conclude());
        assertEquals("qleap.journal.roll.time.ist must be from 05:30 to before 09:00 IST, was 10:00", ex.getMessage());
    }

    @Test
    void shouldRefuseAMalformedRollTime()
    {
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> JournalContext.parseRollTime("6am"));
        assertEquals("qleap.journal.roll.time.ist must be HH:mm, was '6am'", ex.getMessage());
    }

    @Test
    void shouldRefuseAnUnknownDurabilityNamingTheAcceptedValues()
    {
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> JournalContext.parseDurability("fsync"));
        assertEquals("qleap.journal.durability must be PAGE_CACHE or GROUP_FSYNC, was 'fsync'", ex.getMessage());
        assertEquals(Durability.GROUP_FSYNC, JournalContext.parseDurability("group_fsync"));
    }

    @Test
    void shouldRefuseABlockSizeThatIsNotAPowerOfTwo()
    {
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> new JournalContext().blockSize(100_000).conclude());
        assertEquals("qleap.journal.block.size must be a power of two of at least 65536 bytes, was 100000",
            ex.getMessage());
    }

    @Test
    void shouldRefuseAPretouchLookAheadShorterThanAPage()
    {
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> new JournalContext().pretouchAheadBytes(4095).conclude());
        assertEquals("qleap.journal.pretouch.ahead.bytes must be at least 4096 (one page), was 4095", ex.getMessage());
    }
}
