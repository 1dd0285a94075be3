package dev.hft.binance.stream;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * The JDK WebSocket listener of one connection of a reconnecting client: joins text fragments into whole messages,
 * and reports the connection's end (close or error) only while it is still the client's current connection (a
 * connection the client replaced itself ends quietly). Pings are answered by the JDK.
 */
abstract class ConnectionListener implements WebSocket.Listener {
    private final long generation;
    private final LongSupplier current;
    private final StringBuilder buffer = new StringBuilder();

    /**
     * @param generation this connection's number
     * @param current    the client's current connection number
     */
    ConnectionListener(long generation, LongSupplier current) {
        this.generation = generation;
        this.current = current;
    }

    /** A whole text message of connection {@code generation}. */
    abstract void message(long generation, String text);

    /** The current connection ended: {@code why} for people. */
    abstract void ended(String why);

    /** Any frame of the current connection arrived (for a silence watchdog). */
    void heard() {
    }

    private boolean isCurrent() {
        return generation == current.getAsLong();
    }

    @Override
    public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
        if (isCurrent()) {
            heard();
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        if (isCurrent()) {
            heard();
        }
        buffer.append(data);
        if (last) {
            String text = buffer.toString();
            buffer.setLength(0);
            message(generation, text);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
        if (isCurrent()) {
            ended("closed by server: " + status + " " + reason);
        }
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        if (isCurrent()) {
            ended("error: " + error.getClass().getSimpleName());
        }
    }
}
