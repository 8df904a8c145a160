package io.quantumleap.gateway.fuzz;

import java.util.SplittableRandom;

final class Mangler
{
    private static final String[] TOKENS = {
        "null", "{}", "[]", "-1", "0", "1e309", "\"\"", "\"x\"", "99999999999999999999", "true", "[[[[", "}}}", ",",
        ":", "\"\\u0000\"", "\"\\ud800\"", "NaN", "\u00e9", "\u0000", "\u4e2d", "\\", "\"a\":", "1.5", "-0.0",
        "[408065,408065]",
    };

    private Mangler()
    {
    }

    static String mangle(final String valid, final SplittableRandom random)
    {
        final StringBuilder text = new StringBuilder(valid);
        final int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && text.length() > 0; e++)
        {
            final int at = random.nextInt(text.length());
            switch (random.nextInt(6))
            {
                case 0 -> text.setCharAt(at, (char)(32 + random.nextInt(95)));
                case 1 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(8)));
                case 2 -> text.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 3 -> text.setLength(at);
                case 4 -> text.setCharAt(at, (char)(0xE000 + random.nextInt(0x2000)));
                default ->
                {
                    final int end = Math.min(text.length(), at + 1 + random.nextInt(10));
                    text.insert(random.nextInt(text.length() + 1), text.substring(at, end));
                }
            }
        }
        return text.toString();
    }
}
