package io.quantumleap.journal.replay;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressBarTest
{
    @Test
    void shouldNeverCountPastAllWhenTheJournalGrowsDuringTheRun() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 100, false);
        Thread.sleep(1_100);

        bar.onProgress(50, 7);
        bar.onProgress(150, 9);

        final List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines()
            .map(line -> line.replaceAll(", \\d+/s", ", N/s")).toList();
        assertEquals(List.of("[###############---------------] 50% 50/100 excerpts, N/s, index 7",
            "[##############################] 100% 150/150 excerpts, N/s, index 9"), lines);
    }
}
