package dev.hft.journal;

/**
 * Journal settings, validated once.
 *
 * @param fsync        when bytes are forced to disk
 * @param intervalMs   wall-time interval for {@link FsyncPolicy#INTERVAL}
 * @param segmentBytes a segment is closed and a new one started before it would exceed this size
 */
public record JournalConfig(FsyncPolicy fsync, long intervalMs, long segmentBytes) {
    public static final long SEGMENT_BYTES_DEFAULT = 64L << 20;
    public static final long INTERVAL_MS_DEFAULT = 100;

    public JournalConfig {
        if (fsync == null) {
            throw new IllegalArgumentException("journal fsync policy is required");
        }
        if (intervalMs < 1 || segmentBytes < 1024) {
            throw new IllegalArgumentException("journal intervalMs must be >= 1 and segmentBytes >= 1024");
        }
    }

    public static JournalConfig of(FsyncPolicy fsync) {
        return new JournalConfig(fsync, INTERVAL_MS_DEFAULT, SEGMENT_BYTES_DEFAULT);
    }

    /** One line for the start-up banner. */
    public String describe() {
        return "journal fsync=" + fsync.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + (fsync == FsyncPolicy.INTERVAL ? " every " + intervalMs + " ms" : "")
                + ", segments of " + (segmentBytes >> 20) + " MiB";
    }
}
