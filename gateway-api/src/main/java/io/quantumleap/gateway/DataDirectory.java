package io.quantumleap.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The run's data folder ({@code QLEAP_DATA_DIR}, default {@code ./data}) and the secrets generated into it. */
public final class DataDirectory
{
    /** The file whose lock says which process has the folder. */
    public static final String LOCK_FILE = "qleap.lock";

    private final Path root;

    public DataDirectory(final Path root)
    {
        this.root = root.toAbsolutePath().normalize();
        try
        {
            Files.createDirectories(this.root);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("QLEAP_DATA_DIR: cannot create " + this.root, ex);
        }
    }

    public static DataDirectory fromEnvironment()
    {
        final String dir = System.getenv("QLEAP_DATA_DIR");
        return new DataDirectory(Path.of(dir == null || dir.isBlank() ? "data" : dir));
    }

    public Path root()
    {
        return root;
    }

    /**
     * Takes the folder for this process: an exclusive lock on {@code qleap.lock} (holding this process's id), held
     * until the returned lock is closed or the process ends, however it ends. A second QuantumLeap on the same
     * folder would share its journal and stop its PostgreSQL; it is refused here, before it starts anything.
     *
     * @throws InUseException when another process (or this one) holds the folder.
     */
    public Lock lock()
    {
        final Path file = root.resolve(LOCK_FILE);
        FileChannel channel = null;
        try
        {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            final FileLock lock = tryLock(channel);
            if (null == lock)
            {
                final String holder = Files.readString(file, StandardCharsets.US_ASCII).trim();
                channel.close();
                throw new InUseException("the data folder " + root + " is in use by another QuantumLeap" +
                    (holder.isEmpty() ? "" : " (pid " + holder + ")") + ": stop it, or set QLEAP_DATA_DIR to " +
                    "another folder");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
                0);
            channel.force(false);
            return new Lock(channel, lock);
        }
        catch (final IOException ex)
        {
            closeQuietly(channel, ex);
            throw new UncheckedIOException("cannot lock the data folder " + root + " (" + file + ")", ex);
        }
    }

    private static FileLock tryLock(final FileChannel channel) throws IOException
    {
        try
        {
            return channel.tryLock();
        }
        catch (final OverlappingFileLockException ex)
        {
            return null;
        }
    }

    private static void closeQuietly(final FileChannel channel, final IOException failure)
    {
        if (null == channel)
        {
            return;
        }
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            failure.addSuppressed(ex);
        }
    }

    /** This process's hold on the folder. */
    public static final class Lock implements java.io.Closeable
    {
        private final FileChannel channel;
        private final FileLock lock;

        private Lock(final FileChannel channel, final FileLock lock)
        {
            this.channel = channel;
            this.lock = lock;
        }

        /** @return whether the folder is still held. */
        public boolean held()
        {
            return lock.isValid();
        }

        @Override
        public void close() throws IOException
        {
            try
            {
                lock.release();
            }
            finally
            {
                channel.close();
            }
        }
    }

    /** The data folder is held by another process, or already by this one. */
    public static final class InUseException extends IllegalStateException
    {
        private static final long serialVersionUID = 1L;

        InUseException(final String message)
        {
            super(message);
        }
    }

    public Path resolve(final String name)
    {
        return root.resolve(name);
    }

    /**
     * Reads a secret file, creating it with {@code bytes} random bytes (hex) and owner-only permissions first
     * when it does not exist.
     */
    public String secret(final String fileName, final int bytes)
    {
        final Path file = root.resolve(fileName);
        try
        {
            if (!Files.exists(file))
            {
                final byte[] random = new byte[bytes];
                new SecureRandom().nextBytes(random);
                Files.createFile(file,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, HexFormat.of().formatHex(random), StandardCharsets.US_ASCII);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read or create the secret file " + file, ex);
        }
    }
}
