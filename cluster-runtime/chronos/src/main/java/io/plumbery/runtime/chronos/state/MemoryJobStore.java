package io.plumbery.runtime.chronos.state;

import io.plumbery.runtime.chronos.job.Job;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A lone Chronos's state (no {@code --zk}): lost when it stops. */
final class MemoryJobStore implements JobStore {
    private final Map<String, Job> jobs = new ConcurrentSkipListMap<>();
    private volatile String frameworkId;

    @Override
    public List<Job> jobs() {
        return List.copyOf(jobs.values());
    }

    @Override
    public void put(Job job) {
        jobs.put(job.name(), job);
    }

    @Override
    public void remove(String name) {
        jobs.remove(name);
    }

    @Override
    public Optional<String> frameworkId() {
        return Optional.ofNullable(frameworkId);
    }

    @Override
    public void frameworkId(String id) {
        frameworkId = id;
    }
}
