package dev.hft.journal;

/**
 * One record as read back: its sequence number, run id, type, timestamp, the raw JSON of the whole record
 * (exactly the bytes that were checksummed), and where it sits on disk.
 *
 * @param seq    contiguous from 1
 * @param run    run id
 * @param type   record type
 * @param ts     timestamp (epoch ms, the event time the engine used)
 * @param json   the record's JSON text
 * @param file   segment file name
 * @param offset byte offset of the line in the segment
 */
public record JournalRecord(long seq, String run, String type, long ts, String json, String file, long offset) {
    /** The {@code data} object of the record, as JSON text. */
    public String data() {
        int i = json.indexOf(",\"data\":");
        return i < 0 ? "null" : json.substring(i + 8, json.length() - 1);
    }
}
