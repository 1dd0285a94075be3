package dev.hft.engine.snapshot;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * State that can be saved and restored bit for bit, so an engine rebuilt from a snapshot continues exactly as the
 * original would have (doubles are saved as raw bits). {@link #readState} reads into an object constructed with
 * the same settings as the one that wrote.
 */
public interface Snapshottable {
    void writeState(DataOutput out) throws IOException;

    void readState(DataInput in) throws IOException;
}
