package io.plumbery.runtime.master;

import io.plumbery.runtime.acls.Authorizer;
import io.plumbery.runtime.allocator.Allocator;
import io.plumbery.runtime.http.Tls;
import io.plumbery.runtime.protocol.Address;
import io.plumbery.runtime.protocol.Event;
import io.plumbery.runtime.protocol.Id;
import io.plumbery.runtime.protocol.MasterInfo;
import io.plumbery.runtime.protocol.Offer;
import io.plumbery.runtime.protocol.Resource;
import io.plumbery.runtime.protocol.Resources;
import io.plumbery.runtime.protocol.TaskState;
import io.plumbery.runtime.protocol.TaskStatus;
import io.plumbery.runtime.registry.Mark;
import io.plumbery.runtime.registry.Registrar;
import io.plumbery.runtime.registry.Registry;
import io.plumbery.runtime.state.AgentRecord;
import io.plumbery.runtime.state.FrameworkRecord;
import io.plumbery.runtime.state.MasterState;
import io.plumbery.runtime.state.OpenOffer;
import io.plumbery.runtime.state.TaskRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leading master's shared machinery: the state and its lock, offers, allocation, framework removal and
 * master-generated status updates. {@link SchedulerCalls} and {@link AgentRegistry} act through it.
 */
public final class MasterCore {
    private static final Logger LOG = LoggerFactory.getLogger(MasterCore.class);

    final MasterConfig config;
    final MasterState state;
    final AgentLink agentLink;
    final ScheduledExecutorService timers;
    final Registrar registrar;
    final Reconciliation reconciliation = new Reconciliation(this);
    private final OperatorRecords operatorRecords;
    /** What each principal may do ({@code --acls}); everything without them. */
    final Authorizer authorizer;
    private final AtomicBoolean allocationPending = new AtomicBoolean();
    private final List<OperatorListener> operators = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final double startTime = System.currentTimeMillis() / 1000.0;
    private volatile MasterInfo info;

    MasterCore(MasterConfig config, MasterState state, AgentLink agentLink, ScheduledExecutorService timers,
               Registrar registrar, Authorizer authorizer) {
        this.config = config;
        this.state = state;
        this.agentLink = agentLink;
        this.timers = timers;
        this.registrar = registrar;
        this.authorizer = authorizer;
        this.operatorRecords = new OperatorRecords(this);
    }

    void setInfo(MasterInfo info) {
        this.info = info;
    }

    public MasterConfig config() {
        return config;
    }

    public MasterInfo info() {
        return info;
    }

    public Authorizer authorizer() {
        return authorizer;
    }

    /** The operator's decisions (maintenance, drains, weights, quota), written to the registry. */
    public OperatorRecords operatorRecords() {
        return operatorRecords;
    }

    /** The registry this master keeps while it leads (see {@link Registrar} for its sections). */
    public Registrar registrar() {
        return registrar;
    }

    public double startTime() {
        return startTime;
    }

    static long now() {
        return System.currentTimeMillis();
    }

    /** Adds an operator event subscriber (v1 operator API SUBSCRIBE). */
    public void addOperatorListener(OperatorListener listener) {
        operators.add(listener);
    }

    /** Tells every operator subscriber; caller holds the lock. */
    void publish(java.util.function.Consumer<OperatorListener> event) {
        operators.removeIf(l -> !l.isOpen());
        operators.forEach(event);
    }

    /** Runs a read of the state under the lock. */
    public <T> T read(Function<MasterState, T> reader) {
        synchronized (state) {
            return reader.apply(state);
        }
    }

    public boolean isLeader() {
        synchronized (state) {
            return state.leader;
        }
    }

    /** Recovers the registry (blocking), then leads; throws, still not leading, if the registry cannot be had. */
    void elected() throws Exception {
        Registry registry = registrar.recover(info);
        synchronized (state) {
            state.reset();
            state.registry.recover(registry);
            registrar.recovered(registry);
            state.leader = true;
            state.electedTime = now() / 1000.0;
        }
    }

    void demoted() {
        List<FrameworkRecord> connected;
        synchronized (state) {
            connected = new ArrayList<>(state.frameworks.values());
            state.reset();
            state.leader = false;
        }
        registrar.abandon();
        for (FrameworkRecord fw : connected) {
            if (fw.sink() != null) {
                fw.sink().close();
            }
        }
        operators.forEach(OperatorListener::close);
        operators.clear();
    }

    /** Asks for an allocation cycle soon (coalesces bursts of events). */
    void allocateSoon() {
        if (allocationPending.compareAndSet(false, true)) {
            timers.execute(() -> {
                allocationPending.set(false);
                allocate();
            });
        }
    }

    /** One allocation cycle: grants become offers, sent as one OFFERS event per framework. */
    public void allocate() {
        Map<FrameworkRecord, List<Offer>> byFramework = new LinkedHashMap<>();
        synchronized (state) {
            if (!state.leader) {
                return;
            }
            long started = System.nanoTime();
            List<Allocator.Grant> grants = state.allocator.allocate(now());
            for (Allocator.Grant g : grants) {
                FrameworkRecord fw = state.frameworks.get(g.frameworkId());
                AgentRecord agent = state.agents.get(g.agentId());
                if (fw == null || agent == null || !fw.connected()) {
                    state.allocator.recover(g.frameworkId(), g.agentId(), g.role(), g.resources(), 0, now());
                    continue;
                }
                Offer offer = offerFor(fw, agent, g);
                state.offers.put(offer.id().value(), new OpenOffer(offer, g.resources(), now()));
                fw.offers().put(offer.id().value(), offer);
                byFramework.computeIfAbsent(fw, f -> new ArrayList<>()).add(offer);
            }
            state.lastAllocationNanos = System.nanoTime() - started;
        }
        byFramework.forEach((fw, offers) -> fw.send(Event.offers(offers)));
    }

    private Offer offerFor(FrameworkRecord fw, AgentRecord agent, Allocator.Grant g) {
        String host = agent.info().hostname();
        String[] hostPort = agent.endpoint().split(":");
        Offer.Url url = new Offer.Url(Tls.forProcess().enabled() ? "https" : "http", new Address(host, hostPort[0], Integer.parseInt(hostPort[1])), "/slave(1)");
        return new Offer(Id.of(state.nextOfferId()), Id.of(fw.id()), Id.of(agent.id()), host, url,
                g.resources().toProto(g.role()), agent.info().attributes(), List.of(),
                new Resource.AllocationInfo(g.role()), MaintenanceControl.unavailability(state, agent));
    }

    /** Removes an offer (caller holds the lock); returns it, or null if unknown. */
    OpenOffer takeOffer(String offerId) {
        OpenOffer open = state.offers.remove(offerId);
        if (open != null) {
            FrameworkRecord fw = state.frameworks.get(open.frameworkId());
            if (fw != null) {
                fw.offers().remove(offerId);
            }
        }
        return open;
    }

    /** Rescinds an offer: resources back to the allocator, RESCIND to the framework (caller holds the lock). */
    void rescind(String offerId) {
        OpenOffer open = takeOffer(offerId);
        if (open != null) {
            state.allocator.recover(open.frameworkId(), open.agentId(), open.role(), open.resources(), 0, now());
            FrameworkRecord fw = state.frameworks.get(open.frameworkId());
            if (fw != null) {
                fw.send(Event.rescind(open.offer().id()));
            }
        }
    }

    /** Rescinds offers older than the offer timeout. */
    public void expireOffers() {
        synchronized (state) {
            if (!state.leader) {
                return;
            }
            long cutoff = now() - config.offerTimeout().toMillis();
            List<String> expired = new ArrayList<>();
            state.offers.forEach((id, o) -> {
                if (o.createdMillis() <= cutoff) {
                    expired.add(id);
                }
            });
            expired.forEach(this::rescind);
            if (!expired.isEmpty()) {
                allocateSoon();
            }
        }
    }

    public void sendHeartbeats() {
        List<FrameworkRecord> frameworks;
        synchronized (state) {
            frameworks = new ArrayList<>(state.frameworks.values());
        }
        frameworks.forEach(fw -> fw.send(Event.heartbeat()));
        synchronized (state) {
            publish(OperatorListener::heartbeat);
        }
    }

    /** A status generated by the master itself (no uuid: needs no acknowledgement). */
    static TaskStatus masterStatus(String taskId, TaskState taskState, String agentId, String reason, String message) {
        return TaskStatus.of(Id.of(taskId), taskState, Id.of(agentId), TaskStatus.SOURCE_MASTER, reason, message, false);
    }

    /** Records a terminal transition (counters, resources back to the allocator). Caller holds the lock. */
    void applyStatus(TaskRecord task, TaskStatus status) {
        boolean wasTerminal = task.state().isTerminal() || task.state() == TaskState.TASK_UNREACHABLE;
        task.update(status);
        publish(l -> l.taskUpdated(task, status));
        if (!wasTerminal && (status.state().isTerminal() || status.state() == TaskState.TASK_UNREACHABLE)) {
            state.terminalCounts.merge(status.state(), 1L, Long::sum);
            state.allocator.recover(task.frameworkId(), task.agentId(), task.allocationRole(), task.resources(), 0,
                    now());
            allocateSoon();
        }
    }

    /** Moves a finished task out of the live maps. Caller holds the lock. */
    void retire(TaskRecord task) {
        FrameworkRecord fw = state.frameworks.get(task.frameworkId());
        if (fw != null) {
            fw.tasks().remove(task.id());
        }
        AgentRecord agent = state.agents.get(task.agentId());
        if (agent != null) {
            agent.tasks().remove(task.id());
        }
        state.complete(task);
    }

    /** Removes a framework: offers rescinded, tasks shut down on their agents. Caller holds the lock. */
    void removeFramework(FrameworkRecord fw, String why) {
        LOG.info("Removing framework {}: {}", fw.id(), why);
        new ArrayList<>(fw.offers().keySet()).forEach(this::takeOffer);
        for (AgentRecord agent : state.agents.values()) {
            if (agent.tasks().values().stream().anyMatch(t -> t.frameworkId().equals(fw.id()))) {
                agentLink.shutdownFramework(agent.endpoint(), fw.id());
            }
        }
        for (TaskRecord task : new ArrayList<>(fw.tasks().values())) {
            if (!task.state().isTerminal()) {
                applyStatus(task, masterStatus(task.id(), TaskState.TASK_KILLED, task.agentId(),
                        "REASON_FRAMEWORK_REMOVED", why));
            }
            retire(task);
        }
        state.allocator.removeFramework(fw.id());
        state.frameworks.remove(fw.id());
        state.registry.frameworkRemoved(fw.id());
        registrar.apply(r -> r.removeFramework(Mark.now(fw.id())));
        publish(l -> l.frameworkRemoved(fw.info()));
        state.completeFramework(fw);
        if (fw.sink() != null) {
            fw.sink().close();
        }
        allocateSoon();
    }

    public Resources totalResources() {
        synchronized (state) {
            return state.allocator.total();
        }
    }
}
