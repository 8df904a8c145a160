package io.quantumleap.journal.replay;

import java.util.List;

/**
 * {@link JournalInstruments#tokens} refusing instruments the journal knows nothing of, and those of neither form, which
 * name nothing it could know: every one of them, for a caller that answers a program (the REST export names them in a
 * field of its own) as well as a person, who reads the message.
 */
public final class UnknownInstrumentsException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    private final List<String> instruments;

    /**
     * @param message     names the instruments, bounded however many they are.
     * @param instruments every one, as given, each once, in the order given.
     */
    UnknownInstrumentsException(final String message, final List<String> instruments)
    {
        super(message);
        this.instruments = List.copyOf(instruments);
    }

    /** @return every instrument refused, of neither form or unknown, as given, each once, in the order given. */
    public List<String> instruments()
    {
        return instruments;
    }
}
