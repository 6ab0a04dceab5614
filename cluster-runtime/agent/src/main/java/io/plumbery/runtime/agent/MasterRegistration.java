package io.plumbery.runtime.agent;

import io.plumbery.runtime.http.JsonClient;
import io.plumbery.runtime.protocol.AgentInfo;
import io.plumbery.runtime.protocol.AgentMessages;
import io.plumbery.runtime.protocol.Attribute;
import io.plumbery.runtime.protocol.Id;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.ProtocolVersion;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's registration with the leading master: found through the {@link MasterLocator}, registered with (every
 * task of the checkpoints not yet acknowledged as ended included), then heartbeaten; registers again when the leader
 * changes or forgets the agent. The master's answer gives the agent its id, which is checkpointed, and the token that
 * the master's calls carry ({@link MasterToken}).
 */
final class MasterRegistration implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterRegistration.class);
    private final AgentConfig config;
    private final AgentCheckpoint checkpoint;
    private final AtomicReference<String> agentId;
    private final boolean docker;
    private final StatusUpdates updates;
    private final ScheduledExecutorService timers;
    private final AtomicBoolean registered = new AtomicBoolean();
    private final AtomicReference<String> registeredWith = new AtomicReference<>();
    private final AtomicReference<String> masterToken = new AtomicReference<>();
    private final JsonClient client;
    private volatile MasterLocator locator;
    private int port;
    private String endpoint;

    /** {@code docker}: whether the Docker containerizer is on, which the master learns as a capability. */
    MasterRegistration(AgentConfig config, AgentCheckpoint checkpoint, AtomicReference<String> agentId, boolean docker,
                       StatusUpdates updates, ScheduledExecutorService timers, JsonClient client) {
        this.client = client;
        this.config = config;
        this.checkpoint = checkpoint;
        this.agentId = agentId;
        this.docker = docker;
        this.updates = updates;
        this.timers = timers;
    }

    /** Starts looking for the leader and registering, once the agent's API answers at {@code endpoint}. */
    void start(int port, String endpoint) {
        this.port = port;
        this.endpoint = endpoint;
        locator = new MasterLocator(config.master(), (int) config.zkSessionTimeout().toMillis(), () -> {
            registered.set(false);
            timers.execute(this::tick);
        });
        locator.start();
        long hb = config.heartbeatInterval().toMillis();
        timers.scheduleWithFixedDelay(this::tick, 0, hb, TimeUnit.MILLISECONDS);
    }

    /** host:port of the leading master, null until known. */
    String masterEndpoint() {
        MasterLocator l = locator;
        return l == null ? null : l.endpoint().orElse(null);
    }

    Optional<String> masterHostname() {
        return locator.leaderHostname();
    }

    /** The master no longer knows this agent: register again at the next heartbeat. */
    void lost() {
        registered.set(false);
    }

    boolean isRegistered() {
        return registered.get();
    }

    String registeredWith() {
        return registeredWith.get();
    }

    /** The token the master gave at this agent's current registration, null before the first. */
    String masterToken() {
        return masterToken.get();
    }

    private synchronized void tick() {
        MasterLocator l = locator;
        Optional<String> master = l == null ? Optional.empty() : l.endpoint();
        if (master.isEmpty()) {
            return;
        }
        try {
            if (!registered.get() || !master.get().equals(registeredWith.get())) {
                register(master.get());
            } else {
                heartbeat(master.get());
            }
            updates.retry(false);
        } catch (Exception e) {
            LOG.debug("Master {} not reachable: {}", master.get(), e.toString());
            registered.set(false);
        }
    }

    private void register(String master) throws Exception {
        // Every task not yet acknowledged as terminal, from the checkpoints (live ones and those that ended).
        List<AgentMessages.RunningTask> running = new ArrayList<>();
        for (AgentCheckpoint.TaskCheckpoint cp : checkpoint.tasks()) {
            running.add(new AgentMessages.RunningTask(cp.frameworkId(), cp.frameworkInfo(), cp.task(), cp.latest()));
        }
        List<Attribute> attributes = new ArrayList<>(config.attributes());
        List<String> capabilities = new ArrayList<>(List.of(AgentMessages.BATCHES));
        if (docker) {
            capabilities.add(AgentMessages.DOCKER);
            if (attributes.stream().noneMatch(a -> a.name().equals(Attribute.DOCKER.name()))) {
                attributes.add(Attribute.DOCKER);
            }
        }
        AgentInfo info = new AgentInfo(config.hostname(), port, config.resources().toProto(null),
                attributes, Id.of(agentId.get()));
        HttpResponse<String> r = client.post(master, AgentMessages.MASTER_REGISTER,
                new AgentMessages.Register(info, endpoint, ProtocolVersion.MESOS, running, capabilities))
                .get(6, TimeUnit.SECONDS);
        if (r.statusCode() != 200) {
            LOG.info("Registration with {} refused: {} {}", master, r.statusCode(), r.body());
            return;
        }
        AgentMessages.Registered reply = Json.read(r.body(), AgentMessages.Registered.class);
        agentId.set(reply.agentId());
        masterToken.set(reply.token());
        checkpoint.saveAgentId(reply.agentId());
        registeredWith.set(master);
        registered.set(true);
        LOG.info("Agent {} registered with master {} ({} tasks)", reply.agentId(), master, running.size());
        updates.retry(true);
    }

    private void heartbeat(String master) throws Exception {
        HttpResponse<String> r = client.post(master, AgentMessages.MASTER_HEARTBEAT,
                new AgentMessages.Heartbeat(agentId.get())).get(6, TimeUnit.SECONDS);
        if (r.statusCode() != 200) {
            registered.set(false);
            timers.execute(this::tick);
        }
    }

    @Override
    public void close() {
        MasterLocator l = locator;
        if (l != null) {
            l.close();
        }
    }
}
