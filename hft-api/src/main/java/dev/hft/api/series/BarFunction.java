package dev.hft.api.series;

import dev.hft.api.state.Snapshottable;
import dev.hft.core.Bar;

/**
 * The streaming computation behind a {@link Series}: takes the instrument's next accepted bar and returns the series'
 * value after it ({@code Double.NaN} until it is ready). O(1) work and no allocation per bar, like an indicator; its
 * state is saved with the engine's snapshot. It must read nothing but the bars it is given, so the same bars always
 * give the same values: that is what lets a search compute it once for all its trials.
 */
public interface BarFunction extends Snapshottable {
    /** The value after {@code bar} (reused after the call: copy what you keep). */
    double next(Bar bar);
}
