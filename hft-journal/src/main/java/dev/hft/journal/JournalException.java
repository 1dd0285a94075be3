package dev.hft.journal;

/**
 * The journal could not do what was asked: a write or fsync failed (disk full, I/O error), or the journal on disk
 * is corrupt. Once a writer has failed it stays failed: nothing is ever retried as if it had succeeded.
 */
public final class JournalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JournalException(String message) {
        super(message);
    }

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
