package io.plumbery.runtime.marathon.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.core.EventBus;
import io.plumbery.runtime.marathon.core.MarathonScheduler;
import io.plumbery.runtime.marathon.model.MarathonJson;
import java.util.Optional;

/** A Marathon instance as the API sees it, leading with the scheduler it is given or not leading at all. */
final class TestLeadership implements Leadership {
    private final EventBus events = new EventBus();
    private volatile MarathonScheduler scheduler;
    private volatile String leader;

    void lead(MarathonScheduler s, String endpoint) {
        scheduler = s;
        leader = endpoint;
    }

    @Override
    public boolean isLeader() {
        return scheduler != null;
    }

    @Override
    public Optional<String> leader() {
        return Optional.ofNullable(leader);
    }

    @Override
    public MarathonScheduler scheduler() {
        return scheduler;
    }

    @Override
    public void abdicate() {
        scheduler = null;
        leader = null;
    }

    @Override
    public ObjectNode config() {
        return MarathonJson.object();
    }

    @Override
    public EventBus events() {
        return events;
    }
}
