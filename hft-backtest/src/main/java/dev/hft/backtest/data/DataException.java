package dev.hft.backtest.data;

/** Bad input data: the message says which file, line and field, and what was wrong. */
public final class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
