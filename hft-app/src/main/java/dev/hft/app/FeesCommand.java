package dev.hft.app;

import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Side;
import dev.hft.engine.cost.FeeTable;
import dev.hft.engine.cost.FlatFeeModel;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hft fees}: what a round trip costs in fees on each venue and tier, maker versus taker. */
@Command(name = "fees", sortOptions = false,
        description = "Compare venues: fees of a round trip (buy then sell) of a notional, maker vs taker.")
final class FeesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--symbol", paramLabel = "SYM", description = "Symbol (default BTCUSDT); sets the quote asset.")
    String symbol = "BTCUSDT";

    @Option(names = "--notional", paramLabel = "AMOUNT", description = "Notional of each leg (default 10000).")
    BigDecimal notional = BigDecimal.valueOf(10_000);

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config (instrument overrides).")
    java.nio.file.Path config;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Instrument inst = RunOptions.instrument(AppConfig.load(config).instrumentTable(), symbol);
        if (notional.signum() <= 0) {
            throw new UserError("--notional must be positive, got " + notional.toPlainString());
        }
        long n;
        try {
            n = Fixed.parse(notional.toPlainString());
        } catch (NumberFormatException e) {
            throw new UserError("--notional: " + e.getMessage());
        }
        FeeTable table = FeeTable.builtIn();
        String q = inst.quoteAsset();
        out.printf(Locale.ROOT, "Round trip of %s %s on %s (two legs), fee table version %s%n",
                Fixed.format(n), q, inst.symbol(), table.version());
        out.printf(Locale.ROOT, "%-18s %-9s %-14s %12s %9s %12s %9s %12s%n", "venue", "tier", "market",
                "maker " + q, "bps", "taker " + q, "bps", "taker+token");
        for (FeeTable.Entry e : table.entries()) {
            FlatFeeModel plain = e.model(false);
            FlatFeeModel token = e.model(true);
            // fee of one leg at price 1 and quantity = notional: the rate times the notional, exactly
            long maker = 2 * plain.fee(inst, Side.BUY, Fixed.ONE, n, true);
            long taker = 2 * plain.fee(inst, Side.BUY, Fixed.ONE, n, false);
            long takerToken = 2 * token.fee(inst, Side.BUY, Fixed.ONE, n, false);
            out.printf(Locale.ROOT, "%-18s %-9s %-14s %12s %9.2f %12s %9s %12s%n", e.venue(), e.tier(), e.market(),
                    Fixed.format(maker, 2), bps(maker, n), Fixed.format(taker, 2), String.format(Locale.ROOT, "%.2f",
                            bps(taker, n)), e.tokenDiscountPct() > 0 ? Fixed.format(takerToken, 2) : "-");
        }
        out.println("Fees only: spread and impact come on top (see tca.csv of a backtest). Sources and dates: "
                + "hft-engine/src/main/resources/dev/hft/engine/cost/fees.csv. Check your account's real rate.");
        out.flush();
        return Main.EXIT_OK;
    }

    private static double bps(long fee, long notional) {
        return Fixed.toDouble(fee) / Fixed.toDouble(notional) * 10_000;
    }
}
