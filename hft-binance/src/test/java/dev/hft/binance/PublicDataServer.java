package dev.hft.binance;

import dev.hft.binance.data.PublicData;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local stand-in for data.binance.vision serving real zips from a directory: {@code .CHECKSUM} files in
 * Binance's format ({@code <sha256>  <name>}), HTTP range requests (206), 404 for days it does not have. Faults
 * on demand: a connection cut after some bytes on the first request for a file, a corrupted byte, a 503.
 */
public final class PublicDataServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Path> files = new HashMap<>();
    public final Map<String, Integer> cutAfterBytes = new ConcurrentHashMap<>();
    public final Set<String> corrupt = ConcurrentHashMap.newKeySet();
    public final Map<String, Integer> failures503 = new ConcurrentHashMap<>();
    public final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    public PublicDataServer(Path dir, String market, String symbol, String interval) throws IOException {
        try (var s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().endsWith(".zip")).forEach(p ->
                    files.put("/data/" + market + "/daily/klines/" + symbol + "/" + interval + "/"
                            + p.getFileName(), p));
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String range = ex.getRequestHeaders().getFirst("Range");
        requests.add(path + (range == null ? "" : " " + range));
        try (ex) {
            Integer fail = failures503.computeIfPresent(path, (k, v) -> v - 1);
            if (fail != null && fail >= 0) {
                ex.sendResponseHeaders(503, -1);
                return;
            }
            boolean checksum = path.endsWith(".CHECKSUM");
            Path f = files.get(checksum ? path.substring(0, path.length() - ".CHECKSUM".length()) : path);
            if (f == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] data = Files.readAllBytes(f);
            if (checksum) {
                byte[] body = (PublicData.sha256(f) + "  " + f.getFileName() + "\n").getBytes(
                        StandardCharsets.US_ASCII);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                return;
            }
            if (corrupt.contains(path)) {
                data = data.clone();
                data[data.length / 2] ^= 0x01;
            }
            int from = 0;
            if (range != null && range.startsWith("bytes=")) {
                from = Integer.parseInt(range.substring(6, range.indexOf('-')));
                if (from >= data.length) {
                    ex.sendResponseHeaders(416, -1);
                    return;
                }
                ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (data.length - 1) + "/"
                        + data.length);
            }
            int len = data.length - from;
            ex.sendResponseHeaders(range != null ? 206 : 200, len);
            OutputStream out = ex.getResponseBody();
            Integer cut = cutAfterBytes.remove(path);
            if (cut != null) {
                out.write(data, from, Math.min(cut, len));
                out.flush();
                // drop the connection mid-body: the client sees a truncated response
                throw new IOException("cut");
            }
            out.write(data, from, len);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
