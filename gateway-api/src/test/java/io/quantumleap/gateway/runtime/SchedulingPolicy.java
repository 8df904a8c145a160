package io.quantumleap.gateway.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

final class SchedulingPolicy
{
    static final int OTHER = 0;
    static final int FIFO = 1;
    static final int DEADLINE = 6;

    private SchedulingPolicy()
    {
    }

    static int of(final String tid) throws IOException
    {
        return of(Path.of("/proc/self/task", tid));
    }

    static int of(final Path task) throws IOException
    {
        final String stat = Files.readString(task.resolve("stat"));
        final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[41 - 3]);
    }
}
