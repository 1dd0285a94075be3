package dev.hft.app;

import dev.hft.backtest.data.DataException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code hft} command. Exit codes: 0 success, 1 internal error (a bug: the message and a stack
 * trace), 2 bad input or a definite refusal (fix the input; restarting would not help), 75 a temporary outage (the
 * venue or a mirror unreachable or overloaded: try again later; sysexits' EX_TEMPFAIL).
 */
@Command(name = "hft", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Version.class,
        description = "A hardened trading system for crypto markets.",
        subcommands = {BacktestCommand.class, ReplayCommand.class, GenerateCommand.class, FeesCommand.class,
            StrategiesCommand.class, BenchCommand.class, OptimizeCommand.class, WalkForwardCommand.class,
            DataCommand.class, PaperCommand.class, LiveCommand.class, StatusCommand.class,
            HelpCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_UNAVAILABLE = 75;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--strategy-jar", paramLabel = "PATH", scope = CommandLine.ScopeType.INHERIT,
            description = "A jar (or a directory of jars) with strategies of your own, found through "
                    + "META-INF/services/dev.hft.api.StrategyFactory; repeatable. See docs/STRATEGIES.md.")
    java.util.List<java.nio.file.Path> strategyJars = new java.util.ArrayList<>();

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (tests call this). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        // strategy jars are queued here and loaded on the first strategy lookup, inside the command, so a bad
        // jar is an ordinary error of that command
        cl.setExecutionStrategy(parsed -> {
            dev.hft.engine.strategy.StrategyRegistry.resetJars();
            dev.hft.engine.strategy.StrategyRegistry.addJars(main.strategyJars);
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable t = ex;
            for (Throwable c = ex; c != null; c = c.getCause() == c ? null : c.getCause()) {
                if (c instanceof dev.hft.binance.VenueException v) {
                    // a UserError around it says what the command was doing; else the venue's own words
                    String what = t instanceof UserError ? t.getMessage() : v.getMessage();
                    commandLine.getErr().println("error: " + what + (v.temporary()
                            ? " (a temporary outage: try again later)" : ""));
                    return v.temporary() ? EXIT_UNAVAILABLE : EXIT_BAD_INPUT;
                }
            }
            if (t instanceof UserError || t instanceof DataException || t instanceof IllegalArgumentException
                    || t instanceof dev.hft.journal.JournalException) {
                commandLine.getErr().println("error: " + t.getMessage());
                return EXIT_BAD_INPUT;
            }
            commandLine.getErr().println("internal error: " + t);
            t.printStackTrace(commandLine.getErr());
            return EXIT_INTERNAL;
        });
        return cl.execute(args);
    }
}
