package dev.hft.sim;

/** When a market order decided on a bar fills. */
public enum FillModel {
    /** At the next bar's open, plus slippage: the bar that produced the decision is already closed. */
    NEXT_OPEN,
    /** At the deciding bar's close, no slippage: what ta4j and many tools do by default; optimistic. */
    CLOSE
}
