package io.quantumleap.persistence.secret;

/** A stored secret cannot be decrypted; the message says why, never what the secret is. */
public final class SecretException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong. */
    public SecretException(final String message)
    {
        super(message);
    }

    /**
     * @param message what is wrong.
     * @param cause   the underlying failure.
     */
    public SecretException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
