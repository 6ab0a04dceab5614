package io.plumbery.runtime.marathon;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * An agent's {@code GET /files/read?path=&offset=&length=} as Mesos documents it (offset -1 answers the file's length
 * and no data), over one directory, answering any origin: what the Mesos page's log follower reads.
 */
final class AgentFilesFixture implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    AgentFilesFixture(Path root) throws Exception {
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws IOException {
                Fields query = Request.extractQueryParameters(request);
                response.getHeaders().put("Access-Control-Allow-Origin", "*");
                response.getHeaders().put("Content-Type", "application/json");
                Path file = root.resolve(query.getValue("path").replaceFirst("^/", "")).normalize();
                long offset = Long.parseLong(query.getValue("offset"));
                String length = query.getValue("length");
                byte[] body = JSON.writeValueAsBytes(read(file, offset, length == null ? -1 : Integer.parseInt(length)));
                response.write(true, ByteBuffer.wrap(body), callback);
                return true;
            }
        });
        server.start();
    }

    private static Map<String, Object> read(Path file, long offset, int length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            if (offset < 0) {
                return Map.of("data", "", "offset", f.length());
            }
            int n = (int) Math.max(0, Math.min(length < 0 ? Integer.MAX_VALUE : length, f.length() - offset));
            byte[] data = new byte[n];
            f.seek(offset);
            f.readFully(data);
            return Map.of("data", new String(data, StandardCharsets.UTF_8), "offset", offset);
        }
    }

    String base() {
        return "//127.0.0.1:" + connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
