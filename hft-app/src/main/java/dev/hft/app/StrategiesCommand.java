package dev.hft.app;

import dev.hft.api.ParamSpec;
import dev.hft.api.StrategyFactory;
import dev.hft.engine.strategy.StrategyRegistry;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Lists the strategies and their parameters with defaults and ranges. */
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
            out.println();
        }
        out.flush();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
