package io.plumbery.runtime.marathon.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.model.MarathonJson;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/** Marathon's event bus: events are JSON objects with {@code eventType} and {@code timestamp}. */
public final class EventBus {
    /** Sent to subscribers when the bus closes: streams end. */
    public static final ObjectNode CLOSED = MarathonJson.object().put("eventType", "closed");
    private final Set<Consumer<ObjectNode>> subscribers = new CopyOnWriteArraySet<>();

    public ObjectNode event(String type) {
        return MarathonJson.object().put("eventType", type).put("timestamp", Instant.now().toString());
    }

    public void publish(ObjectNode event) {
        for (Consumer<ObjectNode> s : subscribers) {
            s.accept(event);
        }
    }

    public AutoCloseable subscribe(Consumer<ObjectNode> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void close() {
        for (Consumer<ObjectNode> s : subscribers) {
            s.accept(CLOSED);
        }
        subscribers.clear();
    }

    public int subscriberCount() {
        return subscribers.size();
    }
}
