package io.plumbery.runtime.marathon.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.core.EventBus;
import io.plumbery.runtime.marathon.core.MarathonScheduler;
import java.util.Optional;

/** What the API needs from the Marathon instance serving it. */
public interface Leadership {
    boolean isLeader();

    /** host:port of the leading instance's API, if any. */
    Optional<String> leader();

    /** The scheduler while this instance leads and has started it, else null. */
    MarathonScheduler scheduler();

    void abdicate();

    /** The {@code marathon_config}, {@code zookeeper_config} and {@code http_config} parts of /v2/info. */
    ObjectNode config();

    EventBus events();
}
