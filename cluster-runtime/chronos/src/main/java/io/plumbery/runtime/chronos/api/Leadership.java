package io.plumbery.runtime.chronos.api;

import io.plumbery.runtime.chronos.scheduler.ChronosLeader;
import java.util.Optional;

/** What the API needs from the instance serving it. */
public interface Leadership {
    /** The leader's scheduler while this instance leads. */
    Optional<ChronosLeader> leading();

    /** host:port of the leading instance's API, if any is known. */
    Optional<String> leader();
}
