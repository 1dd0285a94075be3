package dev.hft.ops;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Operator actions of a running session. An implementation hands the action to the engine thread (where it is
 * journaled like any operator command) and completes with the view published right after it.
 */
public interface Controls {
    /** Every action, in the order the dashboard shows them. */
    List<String> ACTIONS = List.of("kill", "pause", "resume", "release");

    CompletableFuture<SessionView> apply(String action);
}
