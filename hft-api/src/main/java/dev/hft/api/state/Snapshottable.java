package dev.hft.api.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * State that can be saved and restored bit for bit, so an engine rebuilt from a snapshot continues exactly as the
 * original would have (doubles are saved as raw bits). {@link #readState} reads into an object constructed with
 * the same settings as the one that wrote.
 */
public interface Snapshottable {
    /** Writes every bit of state needed to continue exactly. */
    void writeState(DataOutput out) throws IOException;

    /** Reads what {@link #writeState} wrote, into an object built with the same settings. */
    void readState(DataInput in) throws IOException;
}
