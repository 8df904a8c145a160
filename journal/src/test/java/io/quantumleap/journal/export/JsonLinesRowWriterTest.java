package io.quantumleap.journal.export;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonLinesRowWriterTest
{
    @Test
    void shouldWriteOneObjectPerRowKeyedByColumnWithTextEscaped() throws Exception
    {
        final StringWriter out = new StringWriter();
        try (JsonLinesRowWriter writer = new JsonLinesRowWriter(out,
            List.of(Column.int64("index"), Column.timestampNs("timestampNs"), Column.text("statusMessage"))))
        {
            writer.beginRow();
            writer.int64(7);
            writer.int64(-1);
            writer.text("said \"no\"\\\n\u0001");
            writer.endRow();
            writer.beginRow();
            writer.int64(8);
            writer.int64(2);
            writer.text("");
            writer.endRow();
        }

        assertEquals("{\"index\":7,\"timestampNs\":-1,\"statusMessage\":\"said \\\"no\\\"\\\\\\n\\u0001\"}\n" +
            "{\"index\":8,\"timestampNs\":2,\"statusMessage\":\"\"}\n", out.toString());
    }

    @Test
    void shouldWriteNullForAColumnWithoutValue() throws Exception
    {
        final StringWriter out = new StringWriter();
        try (JsonLinesRowWriter writer = new JsonLinesRowWriter(out,
            List.of(Column.int64("index"), Column.int64OrNull("icebergLegs"), Column.text("auctionNumber"))))
        {
            writer.beginRow();
            writer.int64(7);
            writer.none();
            writer.text("");
            writer.endRow();
            writer.beginRow();
            writer.int64(8);
            writer.int64(4);
            writer.text("31");
            writer.endRow();
        }

        assertEquals("{\"index\":7,\"icebergLegs\":null,\"auctionNumber\":\"\"}\n" +
            "{\"index\":8,\"icebergLegs\":4,\"auctionNumber\":\"31\"}\n", out.toString());
    }
}
