package io.quantumleap.persistence;

/** A database operation failed; the message says which, the cause is the driver's error. */
public final class StorageException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public StorageException(final String message, final Throwable cause)
    {
        super(message + ": " + cause.getMessage(), cause);
    }
}
