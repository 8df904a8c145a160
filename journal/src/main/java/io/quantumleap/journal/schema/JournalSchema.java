package io.quantumleap.journal.schema;

import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.journal.JournalException;
import io.quantumleap.journal.JournalStream;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * What makes a journal self-describing: every excerpt is an SBE message whose header carries the schema
 * id and version. This build reads its own schema at its own version and every older version (SBE keeps
 * old messages decodable: fields are only added at the end); it refuses other schemas and newer versions
 * with a message saying what to do.
 */
public final class JournalSchema
{
    /** Id of the QuantumLeap SBE schema. */
    public static final int SCHEMA_ID = MessageHeaderDecoder.SCHEMA_ID;

    /** Newest schema version this build reads and the one it writes. */
    public static final int SCHEMA_VERSION = MessageHeaderDecoder.SCHEMA_VERSION;

    /** Length of the SBE message header every excerpt starts with. */
    public static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;

    private static final int BLOCK_LENGTH_OFFSET = MessageHeaderDecoder.blockLengthEncodingOffset();
    private static final int TEMPLATE_ID_OFFSET = MessageHeaderDecoder.templateIdEncodingOffset();
    private static final int SCHEMA_ID_OFFSET = MessageHeaderDecoder.schemaIdEncodingOffset();
    private static final int VERSION_OFFSET = MessageHeaderDecoder.versionEncodingOffset();

    private JournalSchema()
    {
    }

    /**
     * A field that a later schema version added reads as its type's null value in an event of an older version:
     * for a reader that shows it, not recorded rather than that number.
     *
     * @return the value, or null when it is the field's null value.
     */
    public static Long orNull(final long value, final long nullValue)
    {
        return value == nullValue ? null : value;
    }

    /** {@link #orNull(long, long)} for an int field. */
    public static Integer orNull(final int value, final int nullValue)
    {
        return value == nullValue ? null : value;
    }

    /**
     * Checks the header of one excerpt before anyone decodes it; allocates nothing unless it throws.
     *
     * @param stream queue the excerpt was read from, for the message.
     * @param index  journal index of the excerpt, for the message.
     * @param buffer holding the excerpt.
     * @param offset of the excerpt in the buffer.
     * @param length of the excerpt.
     * @throws JournalException when the excerpt is too short, of another schema or of a newer version.
     */
    public static void checkExcerpt(
        final JournalStream stream, final long index, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            throw new JournalException("journal '" + stream.directoryName() + "' is corrupt at index " + index +
                ": excerpt of " + length + " bytes is shorter than the " + HEADER_LENGTH + "-byte SBE header");
        }

        final long header = buffer.getLong(offset, LITTLE_ENDIAN);
        final int schemaId = (int)(header >>> (SCHEMA_ID_OFFSET * 8)) & 0xFFFF;
        final int version = (int)(header >>> (VERSION_OFFSET * 8)) & 0xFFFF;
        if (schemaId != SCHEMA_ID || version > SCHEMA_VERSION)
        {
            throw new JournalException(
                describeRefusal(stream.directoryName() + "' at index " + index, schemaId, version));
        }

        final int blockLength = (int)(header >>> (BLOCK_LENGTH_OFFSET * 8)) & 0xFFFF;
        if (HEADER_LENGTH + blockLength > length)
        {
            throw new JournalException("journal '" + stream.directoryName() + "' is corrupt at index " + index +
                ": blockLength " + blockLength + " of templateId " + templateId(buffer, offset) + " exceeds the " +
                length + "-byte excerpt");
        }
    }

    /**
     * Whether this build can read messages of a schema and version.
     *
     * @param schemaId of the journal or message.
     * @param version  of the journal or message.
     * @return true for this schema at this or an older version.
     */
    public static boolean isReadable(final int schemaId, final int version)
    {
        return schemaId == SCHEMA_ID && version <= SCHEMA_VERSION;
    }

    /**
     * @param where    what was refused, for the message (starts after an opening quote).
     * @param schemaId found.
     * @param version  found.
     * @return one line saying why it is refused and what to do.
     */
    public static String describeRefusal(final String where, final int schemaId, final int version)
    {
        if (schemaId != SCHEMA_ID)
        {
            return "journal '" + where + " has SBE schema id " + schemaId + ", not QuantumLeap's " + SCHEMA_ID +
                ": it was not written by qleap (or is corrupt)";
        }
        return "journal '" + where + " was written with schema version " + version + ", newer than this build's " +
            SCHEMA_VERSION + ": read it with a newer qleap";
    }

    /**
     * @param buffer holding a checked excerpt.
     * @param offset of the excerpt.
     * @return the SBE template id of the message.
     */
    public static int templateId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + TEMPLATE_ID_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
    }

    /**
     * @param buffer holding a checked excerpt.
     * @param offset of the excerpt.
     * @return the schema version the message was written with.
     */
    public static int version(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + VERSION_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
    }

    /**
     * @param buffer holding a checked excerpt.
     * @param offset of the excerpt.
     * @return the block length of the message's root.
     */
    public static int blockLength(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + BLOCK_LENGTH_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
    }
}
