package io.quantumleap.gateway.http;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ApiExceptionTest
{
    private static final Instant OPEN = Instant.parse("2026-11-30T03:45:00Z");

    @Test
    void shouldTakeAnInstantAnOffsetTimeOrAnIstTimeOrDate()
    {
        assertEquals(OPEN, ApiException.instant("from", "2026-11-30T03:45:00Z", null));
        assertEquals(OPEN, ApiException.instant("from", "2026-11-30T09:15:00+05:30", null));
        assertEquals(OPEN, ApiException.instant("from", "2026-11-30T09:15", null));
        assertEquals(OPEN, ApiException.instant("from", "2026-11-30 09:15:00", null));
        assertEquals(Instant.parse("2026-11-29T18:30:00Z"), ApiException.instant("from", "2026-11-30", null));
        assertEquals(OPEN, ApiException.instant("from", " ", OPEN));
    }

    @Test
    void shouldNameTheFieldOfATimeItCannotRead()
    {
        final ApiException ex = assertThrows(ApiException.class, () -> ApiException.instant("to", "yesterday", null));

        assertEquals("to: 'yesterday' is not a time: give an instant like 2026-11-30T09:15:00Z, or an IST date-time " +
            "like 2026-11-30T14:45 (or 2026-11-30 14:45:00, as Kite writes it) or a date like 2026-11-30",
            ex.getMessage());
    }

    @Test
    void shouldNameWhatElseAParameterTakesAfterTheTimesWhenTheCallerSaysSo()
    {
        final ApiException other = assertThrows(ApiException.class,
            () -> ApiException.instantUntil("to", "yesterday", null, true, "a journal index like 1234"));
        final ApiException none = assertThrows(ApiException.class,
            () -> ApiException.instant("from", "yesterday", null, null));

        assertEquals("to: 'yesterday' is not a time: give an instant like 2026-11-30T09:15:00Z, or an IST date-time " +
            "like 2026-11-30T14:45 (or 2026-11-30 14:45:00, as Kite writes it) or a date like 2026-11-30, or a " +
            "journal index like 1234", other.getMessage());
        assertEquals("from: 'yesterday' is not a time: give an instant like 2026-11-30T09:15:00Z, or an IST " +
            "date-time like 2026-11-30T14:45 (or 2026-11-30 14:45:00, as Kite writes it) or a date like 2026-11-30",
            none.getMessage());
    }
}
