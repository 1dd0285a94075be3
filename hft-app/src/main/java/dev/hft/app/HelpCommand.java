package dev.hft.app;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hft help [COMMAND [SUBCOMMAND...]]}: the usage of any command, nested ones included
 * ({@code hft help data download}); picocli's own help command looks one level deep only.
 */
@Command(name = "help", helpCommand = true, description = "Show the usage of hft or of a (sub)command.")
final class HelpCommand implements Runnable, CommandLine.IHelpCommandInitializable2 {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, and subcommands, to describe.")
    List<String> path = new ArrayList<>();

    private CommandLine self;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, java.io.PrintWriter out,
                     java.io.PrintWriter err) {
        this.self = helpCommandLine;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        for (String name : path) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                throw new CommandLine.ParameterException(self, "unknown command '" + name + "' in '"
                        + String.join(" ", path) + "'; one of " + target.getSubcommands().keySet());
            }
            target = next;
        }
        target.usage(target.getOut());
    }
}
