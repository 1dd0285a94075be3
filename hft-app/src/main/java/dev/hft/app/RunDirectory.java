package dev.hft.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An output directory that appears whole or not at all: results are written into a hidden sibling
 * ({@code .name.tmp}) and renamed into place at the end; on a failure the run reports, the temporary directory is
 * deleted. A run never leaves a half-written directory that looks like a result. A run that was killed cannot
 * clean up: the next run into the same place finds its hidden directory and, rather than delete it, moves it to
 * {@code name.unfinished} (numbered if taken) and says so, so a journal of a crashed run is kept where a user finds
 * it and {@code hft replay} points to it.
 */
final class RunDirectory implements AutoCloseable {
    private final Path target;
    private final Path tmp;
    private boolean committed;

    private RunDirectory(Path target, Path tmp) {
        this.target = target;
        this.tmp = tmp;
    }

    /** Checks the target is free and creates the temporary directory. */
    static RunDirectory create(Path target, java.io.PrintWriter notes) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            try (Stream<Path> s = Files.list(abs)) {
                if (!Files.isDirectory(abs) || s.findAny().isPresent()) {
                    throw new UserError("output directory already exists and is not empty: " + target
                            + " (choose another --out or remove it)");
                }
            } catch (IOException e) {
                throw new UserError("cannot inspect output directory " + target + ": " + e.getMessage(), e);
            }
        }
        Path tmp = hidden(abs);
        try {
            keepUnfinished(tmp, abs, notes);
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UserError("cannot create output directory " + tmp + ": " + e.getMessage(), e);
        }
        return new RunDirectory(abs, tmp);
    }

    /** Suffix of the directory an unfinished (killed) run's output is kept in. */
    static final String UNFINISHED = ".unfinished";

    /** The hidden sibling a run into {@code target} (absolute) writes to until it finishes. */
    private static Path hidden(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".tmp");
    }

    /**
     * Where the output of a killed run into {@code target} is, holding {@code child}: the hidden directory it was
     * writing (no run into the same place since), else the first {@code target.unfinished} it was moved to; null
     * when there is none.
     */
    static Path unfinished(Path target, String child) {
        Path abs = target.toAbsolutePath().normalize();
        for (Path p : new Path[] {hidden(abs), abs.resolveSibling(abs.getFileName() + UNFINISHED)}) {
            if (Files.isDirectory(p.resolve(child))) {
                return p;
            }
        }
        return null;
    }

    /** Moves a killed run's hidden directory to {@code target.unfinished[-N]}, visible, and says where. */
    private static void keepUnfinished(Path tmp, Path target, java.io.PrintWriter notes) throws IOException {
        if (!Files.isDirectory(tmp)) {
            return;
        }
        try (Stream<Path> s = Files.list(tmp)) {
            if (s.findAny().isEmpty()) {
                Files.delete(tmp);
                return;
            }
        }
        Path keep = target.resolveSibling(target.getFileName() + UNFINISHED);
        for (int n = 2; Files.exists(keep); n++) {
            keep = target.resolveSibling(target.getFileName() + UNFINISHED + "-" + n);
        }
        Files.move(tmp, keep);
        notes.println("note: an earlier run into " + target + " did not finish; its partial output is kept in " + keep);
        notes.flush();
    }

    /** Where to write while the run is in progress. */
    Path path() {
        return tmp;
    }

    Path target() {
        return target;
    }

    void commit() {
        try {
            if (Files.isDirectory(target)) {
                Files.delete(target); // empty, checked in create()
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
            committed = true;
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            throw new UserError("output directory appeared while the run was writing: " + target, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move results into " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                deleteRecursively(tmp);
            } catch (IOException e) {
                // best effort: the directory is hidden and will be replaced by the next run of the same name
            }
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
