package io.quantumleap.journal.export;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExportTableTest
{
    @Test
    void shouldSayHowManyDecimalsEachInstrumentsPricesCarry()
    {
        assertEquals(2, ExportTable.priceDecimals(408065));
        assertEquals(2, ExportTable.priceDecimals(13_238_786));
        assertEquals(7, ExportTable.priceDecimals(412675));
        for (final ExportTable table : ExportTable.values())
        {
            assertEquals("priceDecimals", table.columns().get(table.columns().size() - 1).name(), table.name());
        }
    }

    @Test
    void shouldFollowTheInstrumentTokenWithTheSymbolInEveryTable()
    {
        for (final ExportTable table : ExportTable.values())
        {
            final List<String> names = table.columns().stream().map(Column::name).toList();
            assertEquals(Column.textOrNull("symbol"), table.columns().get(names.indexOf("instrumentToken") + 1),
                table.name());
        }
    }
}
