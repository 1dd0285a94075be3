package dev.hft.app;

import dev.hft.api.ParamSpec;
import dev.hft.api.StrategyFactory;
import dev.hft.engine.strategy.StrategyRegistry;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Lists the strategies, their parameters with defaults and ranges, and their own reason codes. */
@Command(name = "strategies", description = "List strategies and their parameters.")
final class StrategiesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        for (StrategyFactory f : StrategyRegistry.all().values()) {
            out.println(f.name() + ": " + f.description());
            out.println("  from " + StrategyRegistry.source(f.name()));
            for (ParamSpec p : f.params()) {
                String search = p.searched() ? " search " + fmt(p.searchFrom()) + ":" + fmt(p.searchTo()) + ":"
                        + fmt(p.searchStep()) : "";
                out.printf(Locale.ROOT, "  %-14s default %-8s range [%s, %s]%s  %s%n", p.name(),
                        fmt(p.defaultValue()), fmt(p.min()), fmt(p.max()), search, p.description());
            }
            java.util.List<dev.hft.api.Reason> reasons;
            try { // reasons are declared by the strategy: ask an instance with the default parameters
                reasons = f.create(new dev.hft.api.Params(f.name(), f.params(), java.util.Map.of())).reasons();
            } catch (RuntimeException e) {
                out.println("  (its own reason codes unknown: it cannot be created with its defaults: " + e + ")");
                reasons = java.util.List.of();
            }
            for (dev.hft.api.Reason r : reasons) {
                out.printf(Locale.ROOT, "  reason %-24s %-5s %s%n", r.name(), r.kind(), r.description());
            }
            out.println();
        }
        out.flush();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
