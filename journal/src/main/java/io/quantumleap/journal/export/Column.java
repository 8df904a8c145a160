package io.quantumleap.journal.export;

/**
 * One column of an export.
 *
 * @param name column name, as in the CSV header and the Parquet schema.
 * @param kind what its values are.
 */
public record Column(String name, Kind kind)
{
    /** What a column holds; CSV writes them all as plain text, Parquet gives each its own type. */
    public enum Kind
    {
        /** A 64-bit integer: Parquet INT64. */
        INT64,
        /** A 64-bit integer or nothing (a field the recording's schema version did not have): optional INT64. */
        INT64_OR_NULL,
        /** Text: Parquet BINARY annotated as a UTF-8 string. */
        TEXT,
        /** Text or nothing (a value the journal does not know): optional BINARY annotated as a UTF-8 string. */
        TEXT_OR_NULL,
        /** Nanoseconds since the epoch, UTC: Parquet INT64 annotated as TIMESTAMP(NANOS, adjusted to UTC). */
        TIMESTAMP_NS
    }

    /**
     * @param name column name.
     * @return an integer column.
     */
    public static Column int64(final String name)
    {
        return new Column(name, Kind.INT64);
    }

    /**
     * @param name column name.
     * @return an integer column that is empty (CSV), {@code null} (JSON) or null (Parquet) where the message does not
     * have the field.
     */
    public static Column int64OrNull(final String name)
    {
        return new Column(name, Kind.INT64_OR_NULL);
    }

    /**
     * @param name column name.
     * @return a text column.
     */
    public static Column text(final String name)
    {
        return new Column(name, Kind.TEXT);
    }

    /**
     * @param name column name.
     * @return a text column that is empty (CSV), {@code null} (JSON) or null (Parquet) where the value is not known.
     */
    public static Column textOrNull(final String name)
    {
        return new Column(name, Kind.TEXT_OR_NULL);
    }

    /**
     * @param name column name.
     * @return a column of nanoseconds since the epoch (UTC), written with {@code int64}.
     */
    public static Column timestampNs(final String name)
    {
        return new Column(name, Kind.TIMESTAMP_NS);
    }
}
