package io.quantumleap.engine.sim;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One Kite user of the paper broker: its own orders, trades, positions, holdings and funds ({@link Broker}) and GTT
 * triggers ({@link Gtts}), kept in files of its own when the simulator keeps a book, and its own request limits
 * ({@link RateLimiter}). Every user trades in the same market and draws ids from the same {@link IdSequences}. Owned
 * by the simulator thread.
 */
final class PaperUser
{
    /** A Kite user id as the login takes it: letters and digits, starting with a letter. */
    static final Pattern USER_ID = Pattern.compile("[A-Z][A-Z0-9]{1,15}");

    final String userId;
    final Broker broker;
    final Gtts gtts;
    final PaperBrokerState book;
    final GttState gttBook;
    /** Kite's request limits, counted per user: one user's calls never use up another's. */
    final RateLimiter rateLimiter;

    PaperUser(
        final String userId, final Broker broker, final Gtts gtts, final PaperBrokerState book, final GttState gttBook,
        final RateLimiter rateLimiter)
    {
        this.userId = userId;
        this.broker = broker;
        this.gtts = gtts;
        this.book = book;
        this.gttBook = gttBook;
        this.rateLimiter = rateLimiter;
    }

    /**
     * @param text a user id as given to the login.
     * @return it in capitals, or null when it is not a user id.
     */
    static String userId(final String text)
    {
        final String id = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        return USER_ID.matcher(id).matches() ? id : null;
    }

    /**
     * The book of a user other than the first beside the first's: {@code paper-broker.jsonl} holds the first
     * user's, {@code paper-broker-QL0002.jsonl} user QL0002's.
     */
    static Path bookOf(final Path firstBook, final String userId)
    {
        return firstBook.resolveSibling(prefix(firstBook) + userId + extension(firstBook));
    }

    /** @return the user whose book {@code file} is, beside {@code firstBook}, or null when it is no user's. */
    static String userOfBook(final Path firstBook, final Path file)
    {
        final String prefix = prefix(firstBook);
        final String extension = extension(firstBook);
        final String candidate = file.getFileName().toString();
        if (!candidate.startsWith(prefix) || !candidate.endsWith(extension) ||
            candidate.length() <= prefix.length() + extension.length())
        {
            return null;
        }
        final String id = candidate.substring(prefix.length(), candidate.length() - extension.length());
        return USER_ID.matcher(id).matches() ? id : null;
    }

    /** @return what another user's book name starts with: the first's without its extension, and a dash. */
    private static String prefix(final Path firstBook)
    {
        final String name = firstBook.getFileName().toString();
        final int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + "-";
    }

    /** @return the first book's extension with its dot ({@code .jsonl}), or none. */
    private static String extension(final Path firstBook)
    {
        final String name = firstBook.getFileName().toString();
        final int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot) : "";
    }

    /** Writes the book and the triggers if they changed, before the reply or update that tells of the change. */
    void save()
    {
        if (book != null)
        {
            book.saveIfChanged(broker);
        }
        if (gttBook != null)
        {
            gttBook.saveIfChanged(gtts);
        }
    }

    void close()
    {
        if (book != null)
        {
            book.close();
        }
    }
}
