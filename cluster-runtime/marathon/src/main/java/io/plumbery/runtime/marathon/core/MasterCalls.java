package io.plumbery.runtime.marathon.core;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Sends v1 scheduler calls (ACCEPT, DECLINE, KILL...) to the master the scheduler is subscribed to. */
interface MasterCalls {
    /** Sends the call; dropped before the scheduler has started. */
    void call(ObjectNode call);
}
