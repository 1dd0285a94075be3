package dev.hft.binance;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;

/**
 * The venue could not be asked what a command needs: unreachable or overloaded ({@link #temporary()}: DNS, refused,
 * timeout, 5XX, 429/418), or a definite refusal (an invalid key, a restricted location: HTTP 451). The message
 * names the endpoint and the cause, never a key or a signature. The command line exits 75 for a temporary cause
 * (try again later; a service manager restarts) and 2 otherwise (restarting would not help).
 */
public class VenueException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final boolean temporary;

    public VenueException(String message, boolean temporary) {
        super(message);
        this.temporary = temporary;
    }

    /** Whether the cause may pass by itself (an outage), rather than need a change (keys, location). */
    public boolean temporary() {
        return temporary;
    }

    /** A network failure in words: the cause a person can act on, not the exception's class alone. */
    public static String describe(IOException e) {
        // the JDK's client wraps the cause (a refused connection is a ConnectException around a
        // ClosedChannelException): the first known kind along the chain names it
        if (along(e, UnknownHostException.class) || along(e, java.nio.channels.UnresolvedAddressException.class)) {
            return "DNS: cannot resolve the host name";
        }
        if (along(e, HttpConnectTimeoutException.class)) {
            return "connection timed out";
        }
        if (along(e, HttpTimeoutException.class)) {
            return "no response in time";
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException) {
                return "TLS: " + t.getMessage();
            }
        }
        if (along(e, ConnectException.class)) {
            return "connection refused";
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    private static boolean along(Throwable e, Class<? extends Throwable> kind) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
