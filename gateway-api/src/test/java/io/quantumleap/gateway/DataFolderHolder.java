package io.quantumleap.gateway;

import java.nio.file.Path;

/** Holds a data folder's lock in a process of its own until it is killed. */
public final class DataFolderHolder
{
    private DataFolderHolder()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        try (DataDirectory.Lock held = new DataDirectory(Path.of(args[0])).lock())
        {
            System.out.println(held.held() ? "locked" : "not locked");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
