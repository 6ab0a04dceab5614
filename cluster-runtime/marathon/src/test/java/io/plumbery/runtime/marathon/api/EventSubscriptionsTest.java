package io.plumbery.runtime.marathon.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.plumbery.runtime.marathon.core.SchedulerConfig;
import io.plumbery.runtime.marathon.model.MarathonJson;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Marathon's {@code http_callback} event subscriber: the events POSTed to the URLs of {@code --http_endpoints} and
 * to those subscribed through {@code /v2/eventSubscriptions}; receivers on loopback.
 */
class EventSubscriptionsTest {
    private final Receiver first = new Receiver();
    private final Receiver second = new Receiver();
    private final ApiFixture api;

    EventSubscriptionsTest() throws Exception {
        api = new ApiFixture(SchedulerConfig.defaults("127.0.0.1:1", "127.0.0.1", "http://127.0.0.1")
                .withHttpCallbacks(List.of(first.url())));
        api.scheduler.start(); // loads the subscriptions; its master (port 1 on loopback) never answers
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
        first.close();
        second.close();
    }

    /** An HTTP server on loopback that keeps the JSON bodies POSTed to it. */
    static final class Receiver implements AutoCloseable {
        final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        private final HttpServer server;

        Receiver() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                received.add(MarathonJson.MAPPER.readTree(exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
        }

        /** The next event of that type received (others skipped), or null after 10 s. */
        JsonNode next(String type) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                JsonNode e = received.poll(100, TimeUnit.MILLISECONDS);
                if (e != null && e.path("eventType").asText().equals(type)) {
                    return e;
                }
            }
            return null;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void eventsArePostedToEverySubscribedUrlAndSubscriptionsComeAndGo() throws Exception {
        assertThat(api.call("GET", "/v2/info")).contains("\"event_subscriber\":{\"type\":\"http_callback\","
                + "\"http_endpoints\":[\"" + first.url() + "\"]}");
        assertThat(api.call("GET", "/v2/eventSubscriptions")).isEqualTo("200 {\"callbackUrls\":[\"" + first.url()
                + "\"]}");

        String subscribed = api.call("POST", "/v2/eventSubscriptions?callbackUrl=" + second.url());
        assertThat(subscribed).startsWith("200 {\"eventType\":\"subscribe_event\",\"timestamp\":")
                .contains("\"clientIp\":\"127.0.0.1\",\"callbackUrl\":\"" + second.url() + "\"}");
        assertThat(first.next("subscribe_event").path("callbackUrl").asText()).isEqualTo(second.url());
        assertThat(api.call("GET", "/v2/eventSubscriptions")).contains(first.url(), second.url());

        assertThat(api.call("POST", "/v2/apps", GroupsApiTest.app("/hooked", 0, ""))).startsWith("201 ");
        assertThat(first.next("api_post_event").path("appDefinition").path("id").asText()).isEqualTo("/hooked");
        assertThat(second.next("api_post_event").path("appDefinition").path("id").asText()).isEqualTo("/hooked");

        assertThat(api.call("POST", "/v2/eventSubscriptions?callbackUrl=nowhere")).startsWith("422 ")
                .contains("no protocol");
        assertThat(api.call("DELETE", "/v2/eventSubscriptions?callbackUrl=" + second.url()))
                .startsWith("200 {\"eventType\":\"unsubscribe_event\"");
        assertThat(api.call("GET", "/v2/eventSubscriptions")).isEqualTo("200 {\"callbackUrls\":[\"" + first.url()
                + "\"]}");
    }
}
