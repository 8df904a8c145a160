package io.quantumleap.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AsciiDigitsTest
{
    @Test
    void shouldTakeTheAsciiDigitsAlone()
    {
        assertTrue(AsciiDigits.only("0123456789"));
        assertTrue(AsciiDigits.only("408065"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "१२३", "४०८०६५", "١٢٣", "１２３", "12३", "-1", "+1", " 1", "1 ", "1e3", "0x1"})
    void shouldRefuseTheDigitsOfOtherScriptsAndAnythingElse(final String text)
    {
        assertFalse(AsciiDigits.only(text), text);
    }
}
