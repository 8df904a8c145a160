package io.quantumleap.journal.export;

import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.example.GroupWriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Parquet files written with Apache Parquet's own writer on the local file system (no Hadoop cluster):
 * integers as INT64 and text as UTF-8 strings (both optional where a column can be empty), the command times
 * ({@code timestampNs}) as TIMESTAMP(NANOS, UTC), uncompressed (Parquet's codecs need Hadoop) but dictionary-encoded,
 * readable by pandas, DuckDB, Spark and parquet-tools.
 */
public final class ParquetRowWriter implements RowWriter
{
    private final List<Column> columns;
    private final SimpleGroupFactory groups;
    private final ParquetWriter<Group> writer;
    private Group row;
    private int column;

    /**
     * @param file    created or overwritten.
     * @param name    name of the Parquet message (the table).
     * @param columns the columns.
     * @throws IOException when the file cannot be created.
     */
    public ParquetRowWriter(final Path file, final String name, final List<Column> columns) throws IOException
    {
        this.columns = columns;
        final Types.MessageTypeBuilder builder = Types.buildMessage();
        for (final Column c : columns)
        {
            switch (c.kind())
            {
                case TEXT -> builder.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                    .named(c.name());
                case TEXT_OR_NULL -> builder.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                    .named(c.name());
                case TIMESTAMP_NS -> builder.required(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.NANOS))
                    .named(c.name());
                case INT64_OR_NULL -> builder.optional(PrimitiveTypeName.INT64).named(c.name());
                default -> builder.required(PrimitiveTypeName.INT64).named(c.name());
            }
        }
        final MessageType schema = builder.named(name);
        groups = new SimpleGroupFactory(schema);
        writer = new Builder(file, schema)
            .withConf(new PlainParquetConfiguration())
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
            .build();
    }

    /** Parquet's group writer under this project's name: a file's {@code writer.model.name} says who wrote it. */
    private static final class Builder extends ParquetWriter.Builder<Group, Builder>
    {
        static final String MODEL_NAME = "quantumleap";

        private final MessageType schema;

        Builder(final Path file, final MessageType schema)
        {
            super(new LocalOutputFile(file));
            this.schema = schema;
        }

        @Override
        protected Builder self()
        {
            return this;
        }

        @Override
        @Deprecated
        protected WriteSupport<Group> getWriteSupport(final org.apache.hadoop.conf.Configuration conf)
        {
            throw new UnsupportedOperationException("exports are written without Hadoop");
        }

        @Override
        protected WriteSupport<Group> getWriteSupport(final ParquetConfiguration conf)
        {
            conf.set(GroupWriteSupport.PARQUET_EXAMPLE_SCHEMA, schema.toString());
            return new GroupWriteSupport()
            {
                @Override
                public String getName()
                {
                    return MODEL_NAME;
                }
            };
        }
    }

    @Override
    public void beginRow()
    {
        row = groups.newGroup();
        column = 0;
    }

    @Override
    public void int64(final long value)
    {
        row.append(columns.get(column++).name(), value);
    }

    @Override
    public void none()
    {
        column++;
    }

    @Override
    public void text(final CharSequence value)
    {
        row.append(columns.get(column++).name(), value.toString());
    }

    @Override
    public void endRow() throws IOException
    {
        writer.write(row);
    }

    @Override
    public void close() throws IOException
    {
        writer.close();
    }
}
