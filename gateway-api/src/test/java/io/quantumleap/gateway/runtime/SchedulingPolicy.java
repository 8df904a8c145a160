package io.quantumleap.gateway.runtime;

import java.io.IOException;
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
        return known(ThreadTimes.policy(task), task);
    }

    static int priority(final Path task) throws IOException
    {
        return known(ThreadTimes.priority(task), task);
    }

    private static int known(final int value, final Path task) throws IOException
    {
        if (value < 0)
        {
            throw new IOException("cannot read " + task.resolve("stat"));
        }
        return value;
    }
}
