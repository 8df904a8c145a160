package io.quantumleap.journal;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FirstAndMoreTest
{
    @Test
    void shouldNameEveryOneOfTwentyOrFewer()
    {
        final List<String> twenty = IntStream.rangeClosed(1, 20).mapToObj(Integer::toString).toList();

        assertEquals("a", FirstAndMore.named(List.of("a"), item -> item).toString());
        assertEquals("'a', 'b'", FirstAndMore.named(List.of("a", "b"), item -> "'" + item + "'").toString());
        assertEquals(String.join(", ", twenty), FirstAndMore.named(twenty, item -> item).toString());
    }

    @Test
    void shouldNameTheFirstTwentyAndCountTheRest()
    {
        final List<String> many = IntStream.rangeClosed(1, 25).mapToObj(Integer::toString).toList();

        assertEquals(String.join(", ", many.subList(0, 20)) + " and 5 more",
            FirstAndMore.named(many, item -> item).toString());
        assertEquals("1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 and 1 more",
            FirstAndMore.named(many.subList(0, 21), item -> item).toString());
    }
}
