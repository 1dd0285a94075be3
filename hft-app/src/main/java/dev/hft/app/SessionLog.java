package dev.hft.app;

import java.io.PrintWriter;
import java.io.Writer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a paper or live session prints on stdout, also logged line by line to the {@code hft.session} logger at
 * INFO, so a service's logs (JSON, rotated; see logback.xml) carry the session's events. Alert lines are left to
 * the {@code hft.alert} logger, which logs them at WARN.
 */
final class SessionLog extends Writer {
    private static final Logger LOG = LoggerFactory.getLogger("hft.session");
    private final StringBuilder line = new StringBuilder();
    private final Writer out;

    private SessionLog(Writer out) {
        this.out = out;
    }

    static PrintWriter tee(PrintWriter out) {
        return LOG.isInfoEnabled() ? new PrintWriter(new SessionLog(out), true) : out;
    }

    @Override
    public synchronized void write(char[] buf, int off, int len) throws java.io.IOException {
        out.write(buf, off, len);
        for (int i = off; i < off + len; i++) {
            char c = buf[i];
            if (c == '\n') {
                emit();
            } else if (c != '\r') {
                line.append(c);
            }
        }
    }

    private void emit() {
        if (line.length() > 0 && !(line.length() >= 6 && line.substring(0, 6).equals("ALERT "))) {
            LOG.info(line.toString());
        }
        line.setLength(0);
    }

    @Override
    public synchronized void flush() throws java.io.IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws java.io.IOException {
        emit();
        out.flush();
    }
}
