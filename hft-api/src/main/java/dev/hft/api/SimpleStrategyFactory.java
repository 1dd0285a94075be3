package dev.hft.api;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link StrategyFactory} from its four facts, for the usual case. {@link java.util.ServiceLoader} needs a public
 * class with a public no-argument constructor, so subclass it:
 *
 * <pre>{@code
 * public static final class Factory extends SimpleStrategyFactory {
 *     public Factory() {
 *         super("rsi-reversion", "buys RSI dips", PARAMS, RsiReversion::new);
 *     }
 * }
 * }</pre>
 */
public abstract class SimpleStrategyFactory implements StrategyFactory {
    private final String name;
    private final String description;
    private final List<ParamSpec> params;
    private final Function<Params, Strategy> create;

    /**
     * @param name        the name users pass to {@code --strategy}
     * @param description one line for {@code hft strategies}
     * @param params      every parameter the strategy takes
     * @param create      makes a new instance from resolved parameters
     */
    protected SimpleStrategyFactory(String name, String description, List<ParamSpec> params,
                                    Function<Params, Strategy> create) {
        this.name = Objects.requireNonNull(name);
        this.description = Objects.requireNonNull(description);
        this.params = List.copyOf(params);
        this.create = Objects.requireNonNull(create);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<ParamSpec> params() {
        return params;
    }

    @Override
    public final Strategy create(Params p) {
        return create.apply(p);
    }
}
