package io.plumbery.runtime.marathon.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.model.MarathonJson;
import io.plumbery.runtime.marathon.state.MarathonStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marathon's {@code http_callback} event subscriber ({@code --event_subscriber http_callback}): every event of the
 * bus is POSTed as JSON to each subscribed callback URL, those of {@code --http_endpoints} and those subscribed through
 * {@code /v2/eventSubscriptions} (stored before they are answered, so a new leader has them). A callback that fails
 * or is slow loses that event, as with Marathon; deliveries run on one thread of their own, never on the bus's.
 */
public final class HttpCallbacks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpCallbacks.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final MarathonStore store;
    private final EventBus events;
    private final List<String> endpoints;
    private final Set<String> urls = new ConcurrentSkipListSet<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "marathon-http-callbacks");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).executor(sender).build();
    private AutoCloseable subscription;

    HttpCallbacks(MarathonStore store, EventBus events, List<String> endpoints) {
        this.store = store;
        this.events = events;
        this.endpoints = List.copyOf(endpoints);
    }

    /** Loads the stored subscriptions, adds {@code --http_endpoints}, and sends from now on. */
    void start() {
        urls.addAll(store.callbackUrls());
        urls.addAll(endpoints);
        subscription = events.subscribe(this::deliver);
    }

    /** The callback URLs, sorted. */
    public List<String> urls() {
        return List.copyOf(urls);
    }

    /** The {@code --http_endpoints} given. */
    public List<String> endpoints() {
        return endpoints;
    }

    /** Subscribes the URL (stored first) and publishes Marathon's {@code subscribe_event}, which it answers. */
    public ObjectNode subscribe(String url, String clientIp) {
        return change(url, clientIp, true);
    }

    /** Unsubscribes the URL (stored first) and publishes Marathon's {@code unsubscribe_event}, which it answers. */
    public ObjectNode unsubscribe(String url, String clientIp) {
        return change(url, clientIp, false);
    }

    private synchronized ObjectNode change(String url, String clientIp, boolean subscribe) {
        List<String> next = new ArrayList<>(urls);
        next.remove(url);
        if (subscribe) {
            next.add(url);
        }
        store.saveCallbackUrls(next);
        if (subscribe) {
            urls.add(url);
        } else {
            urls.remove(url);
        }
        ObjectNode e = events.event(subscribe ? "subscribe_event" : "unsubscribe_event").put("clientIp", clientIp)
                .put("callbackUrl", url);
        events.publish(e);
        return e;
    }

    private void deliver(ObjectNode event) {
        if (event == EventBus.CLOSED) {
            return;
        }
        byte[] body = MarathonJson.bytes(event);
        for (String url : urls) {
            HttpRequest request;
            try {
                request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            } catch (IllegalArgumentException e) {
                LOG.warn("Callback URL {} is not usable: {}", url, e.getMessage());
                continue;
            }
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                if (e != null) {
                    LOG.debug("Event {} to {} failed: {}", event.path("eventType").asText(), url, e.toString());
                }
            });
        }
    }

    @Override
    public void close() {
        try {
            if (subscription != null) {
                subscription.close();
            }
        } catch (Exception e) {
            LOG.debug("Leaving the event bus failed", e);
        }
        sender.shutdownNow();
    }
}
