package io.quantumleap.engine.kite.rest;

import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstrumentsLoaderTest
{
    private final FakeKiteServer server = new FakeKiteServer();

    @AfterEach
    void stop()
    {
        server.close();
    }

    @Test
    void shouldDownloadTheDumpAndPublishEveryInstrument()
    {
        server.route("GET /instruments", FakeKiteServer.Reply.mock("instruments_all.csv"));
        final AtomicInteger published = new AtomicInteger();
        final InstrumentsLoader loader = new InstrumentsLoader(new KiteRestClient(new KiteRestContext()
            .apiUrl(server.uri())
            .rateLimiter(new RateLimiter(SystemNanoClock.INSTANCE, 10, 10, 10, 100, 10))),
            (buffer, offset, length) -> published.incrementAndGet() > 0, () -> 1_000_000_000L);

        final InstrumentsCsvParser.Result result = loader.load().join();

        assertEquals(result.rows() + 1, published.get());
        assertEquals(0, result.rejected());
        assertTrue(result.ended());
    }

    @Test
    void shouldScheduleTheDailyLoadAtHalfPastEightIst()
    {
        assertEquals(Instant.parse("2026-11-30T03:00:00Z").toEpochMilli(),
            InstrumentsLoader.nextLoadEpochMs(Instant.parse("2026-11-30T02:00:00Z").toEpochMilli()));
        assertEquals(Instant.parse("2026-12-01T03:00:00Z").toEpochMilli(),
            InstrumentsLoader.nextLoadEpochMs(Instant.parse("2026-11-30T03:00:00Z").toEpochMilli()));
    }
}
