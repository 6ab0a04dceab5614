package io.plumbery.runtime.state;

import io.plumbery.runtime.allocator.Allocator;
import io.plumbery.runtime.maintenance.AgentDrains;
import io.plumbery.runtime.maintenance.InverseOffers;
import io.plumbery.runtime.maintenance.Maintenance;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import io.plumbery.runtime.protocol.TaskState;
import io.plumbery.runtime.registry.RegistryState;

/** Everything the leading master knows; guarded by this object's monitor. Rebuilt from scratch on election. */
public final class MasterState {
    private static final int COMPLETED_LIMIT = 1000;

    public final Map<String, FrameworkRecord> frameworks = new LinkedHashMap<>();
    public final Map<String, AgentRecord> agents = new LinkedHashMap<>();
    public final Map<String, OpenOffer> offers = new LinkedHashMap<>();
    public final Deque<TaskRecord> completedTasks = new ArrayDeque<>();
    public final Deque<FrameworkRecord> completedFrameworks = new ArrayDeque<>();
    public final Map<TaskState, Long> terminalCounts = new EnumMap<>(TaskState.class);
    public Allocator allocator = new Allocator();
    /** Maintenance schedule and machine modes; operator decisions about single agents (registry material). */
    public Maintenance maintenance = new Maintenance();
    public AgentDrains drains = new AgentDrains();
    public InverseOffers inverseOffers;
    /** What the registry says of agents and frameworks beyond those registered here. */
    public final RegistryState registry = new RegistryState();
    private final String masterId;
    private final AtomicLong frameworkSeq = new AtomicLong();
    private final AtomicLong agentSeq = new AtomicLong();
    private final AtomicLong offerSeq = new AtomicLong();
    public boolean leader;
    public double electedTime;
    public long lastAllocationNanos;

    public MasterState(String masterId) {
        this.masterId = masterId;
        this.inverseOffers = new InverseOffers(masterId);
    }

    public String masterId() {
        return masterId;
    }

    public String nextFrameworkId() {
        return String.format("%s-%04d", masterId, frameworkSeq.getAndIncrement());
    }

    public String nextAgentId() {
        return masterId + "-S" + agentSeq.getAndIncrement();
    }

    public String nextOfferId() {
        return masterId + "-O" + offerSeq.getAndIncrement();
    }

    public void complete(TaskRecord task) {
        completedTasks.addLast(task);
        while (completedTasks.size() > COMPLETED_LIMIT) {
            completedTasks.removeFirst();
        }
    }

    public void completeFramework(FrameworkRecord fw) {
        completedFrameworks.addLast(fw);
        while (completedFrameworks.size() > 50) {
            completedFrameworks.removeFirst();
        }
    }

    public TaskRecord findCompleted(String frameworkId, String taskId) {
        for (TaskRecord t : completedTasks) {
            if (t.frameworkId().equals(frameworkId) && t.id().equals(taskId)) {
                return t;
            }
        }
        return null;
    }

    /** Forget everything (on election and on demotion). */
    public void reset() {
        frameworks.clear();
        agents.clear();
        offers.clear();
        completedTasks.clear();
        completedFrameworks.clear();
        terminalCounts.clear();
        registry.clear();
        allocator = new Allocator();
        maintenance = new Maintenance();
        drains = new AgentDrains();
        inverseOffers = new InverseOffers(masterId);
    }
}
