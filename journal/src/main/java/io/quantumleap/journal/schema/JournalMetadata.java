package io.quantumleap.journal.schema;

import io.quantumleap.journal.JournalException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The {@code journal.properties} file beside the queues: schema id and version the journal was written
 * with and the engine version that created it, so that a journal says what it is before any excerpt is read.
 *
 * @param schemaId      SBE schema id of every excerpt.
 * @param schemaVersion newest schema version written into the journal.
 * @param engineVersion version of the engine that last wrote the journal.
 */
public record JournalMetadata(int schemaId, int schemaVersion, String engineVersion)
{
    /** Name of the file in the journal directory. */
    public static final String FILE_NAME = "journal.properties";

    /** @return the metadata of what this build writes. */
    public static JournalMetadata current()
    {
        final String version = JournalMetadata.class.getPackage().getImplementationVersion();
        return new JournalMetadata(
            JournalSchema.SCHEMA_ID, JournalSchema.SCHEMA_VERSION, null == version ? "development" : version);
    }

    /**
     * @param journalDir journal directory.
     * @return the metadata found, or null when the file is absent.
     * @throws JournalException when the file cannot be read or is not understood.
     */
    public static JournalMetadata read(final Path journalDir)
    {
        final Path file = journalDir.resolve(FILE_NAME);
        if (!Files.exists(file))
        {
            return null;
        }
        final Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file))
        {
            properties.load(in);
            return new JournalMetadata(
                Integer.parseInt(properties.getProperty("schemaId", "").trim()),
                Integer.parseInt(properties.getProperty("schemaVersion", "").trim()),
                properties.getProperty("engineVersion", "unknown"));
        }
        catch (final IOException | NumberFormatException ex)
        {
            throw new JournalException("journal metadata " + file + " is unreadable (" + ex.getMessage() +
                "): expected schemaId and schemaVersion as integers", ex);
        }
    }

    /**
     * Writes the file atomically (write then rename) so a crash leaves the old or the new file.
     *
     * @param journalDir journal directory.
     */
    public void write(final Path journalDir)
    {
        final Properties properties = new Properties();
        properties.setProperty("schemaId", Integer.toString(schemaId));
        properties.setProperty("schemaVersion", Integer.toString(schemaVersion));
        properties.setProperty("engineVersion", engineVersion);
        final Path file = journalDir.resolve(FILE_NAME);
        final Path tmp = journalDir.resolve(FILE_NAME + ".tmp");
        try
        {
            try (OutputStream out = Files.newOutputStream(tmp))
            {
                properties.store(out, "QuantumLeap journal: SBE schema of every excerpt in in/ and out/");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot write journal metadata " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @param journalDir for the message.
     * @throws JournalException when this build cannot read a journal with this metadata.
     */
    public void checkReadable(final Path journalDir)
    {
        if (!JournalSchema.isReadable(schemaId, schemaVersion))
        {
            throw new JournalException(JournalSchema.describeRefusal(journalDir + "'", schemaId, schemaVersion) +
                " (engine " + engineVersion + ")");
        }
    }
}
