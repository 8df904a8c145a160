package io.quantumleap.engine.pipeline;

import io.quantumleap.engine.latency.CoreTimestamps;
import io.quantumleap.engine.latency.LatencyRecorders;
import io.quantumleap.engine.latency.LatencyStage;
import io.quantumleap.engine.latency.SteppingClock;
import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.testing.CapturingEventSink;
import io.quantumleap.engine.testing.Commands;
import io.quantumleap.engine.testing.InMemoryInputJournal;
import org.HdrHistogram.Histogram;
import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineLatencyTest
{
    private static final long STEP = 1_000;
    private static final long INFY = 408_065;

    @Test
    void shouldTimeEachStageOfACommandFromTheClockReadsOfItsThreads()
    {
        final SteppingClock clock = new SteppingClock(1_780_000_000_000_000_000L, STEP);
        final LatencyRecorders latency = new LatencyRecorders(clock, 1 << 10);
        final LongArrayList handled = new LongArrayList();
        try (EnginePipeline pipeline = new EnginePipeline(new PipelineContext().ringSize(64).latency(latency),
            new InMemoryInputJournal(), (index, buffer, offset, length) -> handled.addLong(index),
            new CapturingEventSink()))
        {
            final Commands c = new Commands();
            // Three clock reads per command, one per thread in turn: published, journaled, handled.
            final long tickPublished = clock.next();
            publish(pipeline, c, c.tick(tickPublished - 7_000, INFY, TickMode.LTP, 150_000, 1, 149_000));
            final long tickHandled = tickPublished + 2 * STEP;

            final long placePublished = clock.next();
            publish(pipeline, c, c.limit(placePublished + 2 * STEP - 42_000, 1, 9, INFY, Side.BUY, 1, 150_000));

            final long ackPublished = clock.next();
            publish(pipeline, c, c.ack(ackPublished + 2 * STEP - 250_000, 1, 9, BrokerRequestType.PLACE, "X1"));

            publish(pipeline, c, c.timer(clock.next() - 1, 1));

            assertEquals(4, handled.size());
            assertEquals(tickHandled, latency.coreTimestamps().get(handled.getLong(0)));
            assertEquals(CoreTimestamps.UNKNOWN, latency.coreTimestamps().get(handled.getLong(3) + 1));
        }
        assertOnly(latency, LatencyStage.FEED_DECODE, 1, 7_000);
        assertOnly(latency, LatencyStage.JOURNAL, 4, STEP);
        assertOnly(latency, LatencyStage.CORE, 4, STEP);
        assertOnly(latency, LatencyStage.ORDER_RISK, 1, 42_000);
        assertOnly(latency, LatencyStage.ORDER_UPDATE, 1, 250_000);
    }

    @Test
    void shouldFindTheTimestampOfEveryCommandAndTheInputSequenceOfEveryEventFirstInTheBody() throws Exception
    {
        final String schema = Files.readString(Path.of("src/main/resources/sbe/quantumleap-schema.xml"));
        final Matcher message = Pattern.compile(
            "<sbe:message name=\"(\\w+)\"[^>]*>\\s*<field name=\"(\\w+)\"").matcher(schema);
        int commands = 0;
        int events = 0;
        while (message.find())
        {
            final String name = message.group(1);
            final String first = message.group(2);
            final Class<?> decoder = Class.forName("io.quantumleap.engine.protocol." + name + "Decoder");
            final int offset = (int)decoder.getMethod(first + "EncodingOffset").invoke(null);
            assertEquals(0, offset, name + "." + first);
            if (name.endsWith("Command"))
            {
                assertEquals("timestampNs", first, name);
                commands++;
            }
            else
            {
                assertTrue(name.endsWith("Event"), name);
                assertEquals("inputSequence", first, name);
                events++;
            }
        }
        assertTrue(commands >= 16 && events >= 11, commands + " commands, " + events + " events");
    }

    private static void publish(final EnginePipeline pipeline, final Commands c, final int length)
    {
        assertTrue(pipeline.publisher().publish(c.buffer(), 0, length));
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (!pipeline.isDrained())
        {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.yield();
        }
    }

    private static void assertOnly(
        final LatencyRecorders latency, final LatencyStage stage, final long count, final long valueNs)
    {
        final Histogram h = latency.stage(stage).intervalHistogram(null);
        assertEquals(count, h.getTotalCount(), stage.id());
        assertTrue(h.valuesAreEquivalent(valueNs, h.getMinValue()) && h.valuesAreEquivalent(valueNs, h.getMaxValue()),
            stage.id() + ": " + h.getMinValue() + ".." + h.getMaxValue() + ", expected " + valueNs);
    }
}
