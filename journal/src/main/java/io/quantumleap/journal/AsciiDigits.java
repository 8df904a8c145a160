package io.quantumleap.journal;

/**
 * The one check of "digits only" in text the journal's tools and the REST API read: a journal index, an instrument
 * token. Only ASCII 0 to 9 are digits here: {@link Character#isDigit} also takes those of other scripts (Devanagari
 * {@code १२३}, Arabic-Indic {@code ١٢٣}, full-width {@code １２３}), which {@link Long#parseLong} then reads as their
 * value, so that text a person never wrote as a number of the form asked for would be taken as one.
 */
public final class AsciiDigits
{
    private AsciiDigits()
    {
    }

    /**
     * @param text any.
     * @return whether it is one or more of the ASCII digits 0 to 9 and nothing else: no sign, space or other script.
     */
    public static boolean only(final CharSequence text)
    {
        if (text.isEmpty())
        {
            return false;
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return false;
            }
        }
        return true;
    }
}
