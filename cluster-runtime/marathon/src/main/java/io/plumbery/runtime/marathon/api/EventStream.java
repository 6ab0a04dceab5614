package io.plumbery.runtime.marathon.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.core.EventBus;
import io.plumbery.runtime.marathon.model.MarathonJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v2/events}: Server-Sent Events ({@code event: <eventType>}, {@code data: <json>}), optionally
 * filtered by {@code event_type}. A writer thread per client drains a bounded queue; a client too slow to keep up
 * (queue full) or gone (write fails) is dropped.
 */
final class EventStream {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final int QUEUE = 10_000;
    private static final ObjectNode STOP = MarathonJson.object();

    private EventStream() {
    }

    /** Streams until the client goes or the bus closes; {@code closed} runs once, when the stream has ended. */
    static void serve(HttpCall call, EventBus bus, String clientIp, Runnable closed) {
        Set<String> types = Set.copyOf(call.queries("event_type"));
        BlockingQueue<ObjectNode> queue = new ArrayBlockingQueue<>(QUEUE);
        AutoCloseable[] subscription = new AutoCloseable[1];
        subscription[0] = bus.subscribe(e -> {
            if (e == EventBus.CLOSED) {
                queue.clear();
                queue.offer(STOP);
            } else if ((types.isEmpty() || types.contains(e.path("eventType").asText())) && !queue.offer(e)) {
                queue.clear();
                queue.offer(STOP);
            }
        });
        call.response.setStatus(200);
        call.response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        call.response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        ObjectNode attached = bus.event("event_stream_attached").put("remoteAddress", clientIp);
        queue.offer(attached);
        Thread writer = new Thread(() -> {
            try {
                while (true) {
                    ObjectNode e = queue.poll(15, TimeUnit.SECONDS);
                    if (e == STOP) {
                        break;
                    }
                    String chunk = e == null ? "\n" : "event: " + e.path("eventType").asText() + "\ndata: "
                            + MarathonJson.write(e) + "\n\n";
                    FutureCallback written = new FutureCallback();
                    call.response.write(false, ByteBuffer.wrap(chunk.getBytes(StandardCharsets.UTF_8)), written);
                    written.get(30, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                LOG.debug("Event stream to {} ended: {}", clientIp, e.toString());
            } finally {
                try {
                    subscription[0].close();
                } catch (Exception ignored) {
                    // nothing to release
                }
                call.callback.failed(new java.io.IOException("event stream closed"));
                closed.run();
            }
        }, "marathon-sse-" + clientIp);
        writer.setDaemon(true);
        writer.start();
    }
}
