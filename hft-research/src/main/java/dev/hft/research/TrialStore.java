package dev.hft.research;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checkpoint of an optimization: a JSON-lines file whose first line holds the optimization's fingerprint and
 * each further line one finished trial, flushed as it finishes. Reopening the file with the same fingerprint
 * hands back the finished trials, so an interrupted optimization resumes; a different fingerprint is refused
 * rather than mixing two searches. A torn last line (the process died mid-write) is dropped.
 */
public final class TrialStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Map<Integer, TrialResult> completed = new HashMap<>();
    private final Writer out;

    private record Header(String fingerprint) {
    }

    private TrialStore(Path file, Writer out) {
        this.file = file;
        this.out = out;
    }

    /** Opens (resuming) or creates the checkpoint at {@code file} for the optimization {@code fingerprint}. */
    public static TrialStore open(Path file, String fingerprint) {
        try {
            Map<Integer, TrialResult> done = new HashMap<>();
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (!lines.isEmpty()) {
                    Header h = JSON.readValue(lines.get(0), Header.class);
                    if (!fingerprint.equals(h.fingerprint())) {
                        throw new IllegalArgumentException("checkpoint " + file + " belongs to a different "
                                + "optimization (space, data, settings or seed changed); remove it or choose "
                                + "another --out");
                    }
                }
                StringBuilder keep = new StringBuilder(lines.isEmpty() ? "" : lines.get(0) + "\n");
                for (int i = 1; i < lines.size(); i++) {
                    try {
                        TrialResult t = JSON.readValue(lines.get(i), TrialResult.class);
                        done.put(t.id(), t);
                        keep.append(lines.get(i)).append('\n');
                    } catch (IOException e) {
                        if (i + 1 < lines.size()) {
                            throw new IllegalArgumentException(file + ":" + (i + 1) + ": unreadable trial record "
                                    + "before the end of the checkpoint: "
                                    + e.getMessage().lines().findFirst().orElse(""));
                        }
                        // torn tail: the trial is run again
                    }
                }
                Files.writeString(file, keep, StandardCharsets.UTF_8);
            }
            if (!Files.exists(file) || Files.size(file) == 0) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, JSON.writeValueAsString(new Header(fingerprint)) + "\n",
                        StandardCharsets.UTF_8);
            }
            Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            TrialStore s = new TrialStore(file, w);
            s.completed.putAll(done);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open optimization checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** The finished trial with evaluation number {@code id}, or null. */
    public synchronized TrialResult completed(int id) {
        return completed.get(id);
    }

    public synchronized int completedCount() {
        return completed.size();
    }

    /** Records a finished trial and flushes it to the file. */
    public synchronized void append(TrialResult t) {
        try {
            out.write(JSON.writeValueAsString(t));
            out.write('\n');
            out.flush();
            completed.put(t.id(), t);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write optimization checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
