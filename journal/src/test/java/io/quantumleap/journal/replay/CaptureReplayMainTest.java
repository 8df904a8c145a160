package io.quantumleap.journal.replay;

import io.quantumleap.engine.kite.ticker.KiteTickerEncoder;
import io.quantumleap.engine.kite.ticker.PacketKind;
import io.quantumleap.journal.JournalContext;
import io.quantumleap.journal.capture.CaptureContext;
import io.quantumleap.journal.capture.FrameCapture;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaptureReplayMainTest
{
    private static final long INFY = 408065;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int run(final String... args)
    {
        return ReplayMain.run(new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8), false, args);
    }

    private void capture()
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[1024]);
        final KiteTickerEncoder encoder = new KiteTickerEncoder().wrap(frame, 0);
        encoder.addPacket(PacketKind.QUOTE).instrumentToken(INFY).lastPricePaise(150_025).volumeTraded(1200);
        encoder.addPacket(PacketKind.LTP).instrumentToken(256265).lastPricePaise(2_450_000);
        final byte[] text = "{\"type\":\"order\",\"data\":{\"order_id\":\"151220000000000\"}}"
            .getBytes(StandardCharsets.UTF_8);
        final CaptureContext context = CaptureContext.of(new JournalContext().journalDir(dir).pretouch(false));
        try (FrameCapture capture = FrameCapture.open(context))
        {
            capture.onFrame(0, 1_764_480_000_000_000_000L, true, frame, 0, encoder.encodedLength());
            capture.onFrame(0, 1_764_480_001_000_000_000L, true, new UnsafeBuffer(new byte[1]), 0, 1);
            capture.onFrame(1, 1_764_480_002_000_000_000L, false, new UnsafeBuffer(text), 0, text.length);
            capture.onFrame(0, 1_764_480_003_000_000_000L, true, new UnsafeBuffer(new byte[]{0, 5, 0, 8}), 0, 4);
            capture.drain(10);
        }
    }

    @Test
    void shouldPrintEveryCapturedFrameWithItsPacketsDecodedByTheFeedsDecoder()
    {
        capture();

        final int exit = run("--journal", dir.toString(), "--capture");

        final String out = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, stderr.toString(StandardCharsets.UTF_8));
        assertTrue(out.contains("connection 0 binary"), out);
        assertTrue(out.contains("instrumentToken=" + INFY), out);
        assertTrue(out.contains("instrumentToken=256265"), out);
        assertTrue(out.contains("heartbeat"), out);
        assertTrue(out.contains("connection 1 text") && out.contains("151220000000000"), out);
        assertTrue(out.contains("malformed:"), out);
        assertTrue(stderr.toString(StandardCharsets.UTF_8)
            .contains("4 frames: 2 binary (2 packets, 1 malformed), 1 heartbeats, 1 text"), stderr.toString());
    }

    @Test
    void shouldSelectFramesByIndexOrTimeAndPrintBytesWhenRaw()
    {
        capture();

        final int exit = run("--journal", dir.toString(), "--capture", "--raw", "--from", "2025-11-30T05:20:01Z",
            "--to", "2025-11-30T05:20:01Z");

        final String out = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, stderr.toString(StandardCharsets.UTF_8));
        assertEquals(1, out.lines().count(), out);
        assertTrue(out.contains("heartbeat 00"), out);
    }

    @Test
    void shouldSayThereIsNothingCapturedWithExitCodeTwo()
    {
        final int exit = run("--journal", dir.toString(), "--capture");

        assertEquals(2, exit);
        assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("no captured frames"), stderr.toString());
    }
}
