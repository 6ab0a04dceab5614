package io.plumbery.runtime.chronos.state;

import io.plumbery.runtime.chronos.job.Job;
import java.util.List;
import java.util.Optional;

/** Where the leader keeps jobs (with their next due slot) and its framework id; every write is done when it returns. */
public interface JobStore {
    List<Job> jobs();

    void put(Job job);

    void remove(String name);

    Optional<String> frameworkId();

    void frameworkId(String id);

    static JobStore inMemory() {
        return new MemoryJobStore();
    }
}
