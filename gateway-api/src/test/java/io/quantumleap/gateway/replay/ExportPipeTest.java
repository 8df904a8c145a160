package io.quantumleap.gateway.replay;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportPipeTest
{
    @Test
    void shouldCarryEveryByteWrittenFarMoreThanItHoldsToTheReaderThenEnd() throws Exception
    {
        final ExportPipe pipe = new ExportPipe();
        final byte[] data = new byte[5 * 1024 * 1024 + 17];
        for (int i = 0; i < data.length; i++)
        {
            data[i] = (byte)(i * 31);
        }
        final CompletableFuture<Void> writer = CompletableFuture.runAsync(() ->
        {
            try
            {
                final OutputStream out = pipe.output();
                out.write(data, 0, 1000);
                out.write(data[1000]);
                out.write(data, 1001, data.length - 1001);
                out.close();
                pipe.finish();
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException(ex);
            }
        });

        final byte[] read;
        try (InputStream in = pipe.input())
        {
            read = in.readAllBytes();
        }

        writer.get(10, TimeUnit.SECONDS);
        assertArrayEquals(data, read);
    }

    @Test
    void shouldFailTheReaderWhenTheWriterFailsRatherThanEndTheStreamAsIfComplete() throws Exception
    {
        final ExportPipe pipe = new ExportPipe();
        pipe.output().write(new byte[] {1, 2, 3});
        pipe.fail(new IllegalStateException("journal gone"));

        final InputStream in = pipe.input();

        final IOException failure = assertThrows(IOException.class, in::readAllBytes);
        assertTrue(failure.getMessage().contains("journal gone"), failure.getMessage());
    }

    @Test
    void shouldFailTheReaderWhenTheWriterFailsAfterClosingItsEnd() throws Exception
    {
        final ExportPipe pipe = new ExportPipe();
        final OutputStream out = pipe.output();
        out.write(new byte[] {1, 2, 3});
        out.close();
        pipe.fail(new IllegalStateException("index 7 is corrupt"));

        final IOException failure = assertThrows(IOException.class, pipe.input()::readAllBytes);
        assertTrue(failure.getMessage().contains("index 7 is corrupt"), failure.getMessage());
    }

    @Test
    void shouldFailTheWriterOnceTheReaderHasClosed() throws Exception
    {
        final ExportPipe pipe = new ExportPipe();
        final byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte)7);
        final InputStream in = pipe.input();
        in.close();

        final OutputStream out = pipe.output();

        final IOException failure = assertThrows(IOException.class, () ->
        {
            for (int i = 0; i < 100; i++)
            {
                out.write(chunk);
            }
        });
        assertTrue(failure.getMessage().contains("stopped reading"), failure.getMessage());
    }
}
