package io.quantumleap.gateway.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiskReserveTest
{
    private static final long MB = 1L << 20;

    @Test
    void shouldBeShortOfSpaceBelowTheReserveUntilAQuarterMoreIsFreeAgain()
    {
        final AtomicLong free = new AtomicLong(500 * MB);
        final DiskReserve reserve = new DiskReserve("data", 100 * MB, free::get);
        assertFalse(reserve.shortOfSpace());

        free.set(100 * MB);
        reserve.check();
        assertFalse(reserve.shortOfSpace());

        free.set(100 * MB - 1);
        reserve.check();
        assertTrue(reserve.shortOfSpace());

        free.set(124 * MB);
        reserve.check();
        assertTrue(reserve.shortOfSpace());

        free.set(125 * MB);
        reserve.check();
        assertFalse(reserve.shortOfSpace());
    }

    @Test
    void shouldBeShortOfSpaceFromTheStartOnADiskAlreadyBelowTheReserve()
    {
        assertTrue(new DiskReserve("data", 256 * MB, () -> 10 * MB).shortOfSpace());
    }

    @Test
    void shouldNeverBeShortOfSpaceWithNoReserve()
    {
        final DiskReserve reserve = new DiskReserve("data", 0, () -> 0);
        reserve.check();
        assertFalse(reserve.shortOfSpace());
        assertThrows(IllegalArgumentException.class, () -> new DiskReserve("data", -1, () -> 0));
    }

    @Test
    void shouldReadTheFreeSpaceOfTheFolderItsFileSystemHas(@TempDir final Path dir)
    {
        assertFalse(DiskReserve.of(dir, 1).shortOfSpace());
        assertTrue(DiskReserve.of(dir, Long.MAX_VALUE).shortOfSpace());
        assertTrue(DiskReserve.of(dir, Long.MAX_VALUE / 2).shortOfSpace());
    }
}
