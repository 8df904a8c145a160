package io.quantumleap.journal;

/** A journal that cannot be opened or read: missing, empty, corrupt or of an unknown schema. */
public class JournalException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** @param message one line for people: what is wrong and where. */
    public JournalException(final String message)
    {
        super(message);
    }

    /**
     * @param message one line for people: what is wrong and where.
     * @param cause   the underlying failure.
     */
    public JournalException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
