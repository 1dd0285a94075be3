package dev.hft.binance.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Request parameters in insertion order, and the two payload forms Binance signs: the REST query string
 * (values percent-encoded as UTF-8, "Any non-ASCII character must be percent-encoded before signing") and the
 * WebSocket API form (parameters sorted by name, values not encoded).
 */
public final class RequestParams {
    private final Map<String, String> values = new LinkedHashMap<>();

    public RequestParams put(String name, Object value) {
        if (value != null) {
            values.put(name, value.toString());
        }
        return this;
    }

    public String get(String name) {
        return values.get(name);
    }

    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** {@code a=1&b=2} in insertion order, values percent-encoded (RFC 3986 unreserved characters kept). */
    public String query() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(encode(k)).append('=')
                .append(encode(v)));
        return sb.toString();
    }

    /** Sorted by name, values as they are: the WebSocket API's signature payload. */
    public String sortedPlain() {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(values).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(k).append('=').append(v));
        return sb.toString();
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters. */
    public static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
