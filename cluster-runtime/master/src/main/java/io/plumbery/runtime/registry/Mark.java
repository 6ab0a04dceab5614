package io.plumbery.runtime.registry;

import io.plumbery.runtime.protocol.TaskStatus;

/** An agent or framework id and when it was marked (unreachable, gone, removed), as Mesos's registry keeps them. */
public record Mark(String id, TaskStatus.TimeInfo timestamp) {
    public static Mark now(String id) {
        return new Mark(id, new TaskStatus.TimeInfo(System.currentTimeMillis() * 1_000_000L));
    }
}
