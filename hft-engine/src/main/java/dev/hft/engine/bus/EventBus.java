package dev.hft.engine.bus;

import dev.hft.core.Bar;
import dev.hft.core.Fill;
import dev.hft.core.Order;
import dev.hft.core.ReasonCode;
import dev.hft.engine.EngineListener;
import dev.hft.engine.TradeRecord;
import dev.hft.engine.risk.TradingState;
import dev.hft.api.Decision;
import java.util.Arrays;

/**
 * In-process publish/subscribe on the engine thread. Observers are kept in an array that is replaced (copy on
 * write) when one subscribes, so publishing is a plain loop: no allocation, no boxing, no locks. Observers
 * run synchronously in subscription order; see {@link EngineListener} for what they may do.
 */
public final class EventBus implements EngineListener {
    private EngineListener[] listeners = new EngineListener[0];
    /**
     * The listeners that override {@link EngineListener#onBar}: a bar goes to those alone, since the others' is the
     * empty default and every bar of every run passes here.
     */
    private EngineListener[] barListeners = new EngineListener[0];

    /** Adds an observer (at start-up, not on the decision path). */
    public void subscribe(EngineListener l) {
        if (l == null) {
            return;
        }
        listeners = Arrays.copyOf(listeners, listeners.length + 1);
        listeners[listeners.length - 1] = l;
        if (overridesOnBar(l.getClass())) {
            barListeners = Arrays.copyOf(barListeners, barListeners.length + 1);
            barListeners[barListeners.length - 1] = l;
        }
    }

    private static boolean overridesOnBar(Class<?> c) {
        try {
            return c.getMethod("onBar", Bar.class).getDeclaringClass() != EngineListener.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e); // an EngineListener always has it
        }
    }

    public int subscribers() {
        return listeners.length;
    }

    @Override
    public void onBar(Bar bar) {
        for (EngineListener l : barListeners) {
            l.onBar(bar);
        }
    }

    @Override
    public void onMarketDataRejected(Bar bar, ReasonCode reason) {
        for (EngineListener l : listeners) {
            l.onMarketDataRejected(bar, reason);
        }
    }

    @Override
    public void onDecision(int instrument, Decision decision, long nowMs) {
        for (EngineListener l : listeners) {
            l.onDecision(instrument, decision, nowMs);
        }
    }

    @Override
    public void onOrderSubmitted(Order order) {
        for (EngineListener l : listeners) {
            l.onOrderSubmitted(order);
        }
    }

    @Override
    public void onOrderDenied(int instrument, ReasonCode reason, long nowMs) {
        for (EngineListener l : listeners) {
            l.onOrderDenied(instrument, reason, nowMs);
        }
    }

    @Override
    public void onFill(Order order, Fill fill) {
        for (EngineListener l : listeners) {
            l.onFill(order, fill);
        }
    }

    @Override
    public void onOrderRejected(Order order, ReasonCode reason) {
        for (EngineListener l : listeners) {
            l.onOrderRejected(order, reason);
        }
    }

    @Override
    public void onOrderCanceled(Order order) {
        for (EngineListener l : listeners) {
            l.onOrderCanceled(order);
        }
    }

    @Override
    public void onTradeClosed(TradeRecord trade) {
        for (EngineListener l : listeners) {
            l.onTradeClosed(trade);
        }
    }

    @Override
    public void onStrategyFailed(int instrument, String failure, long nowMs) {
        for (EngineListener l : listeners) {
            l.onStrategyFailed(instrument, failure, nowMs);
        }
    }

    @Override
    public void onInstrumentFrozen(int instrument, ReasonCode reason, long nowMs) {
        for (EngineListener l : listeners) {
            l.onInstrumentFrozen(instrument, reason, nowMs);
        }
    }

    @Override
    public void onInstrumentThawed(int instrument, long nowMs) {
        for (EngineListener l : listeners) {
            l.onInstrumentThawed(instrument, nowMs);
        }
    }

    @Override
    public void onRiskStateChanged(TradingState from, TradingState to, ReasonCode reason, long nowMs) {
        for (EngineListener l : listeners) {
            l.onRiskStateChanged(from, to, reason, nowMs);
        }
    }
}
