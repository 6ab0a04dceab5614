package io.plumbery.runtime.agent;

import io.plumbery.runtime.http.BasicAuth;
import io.plumbery.runtime.http.Cors;
import io.plumbery.runtime.http.HttpServer;
import io.plumbery.runtime.http.JsonClient;
import io.plumbery.runtime.http.Router;
import io.plumbery.runtime.logging.LoggingCalls;
import io.plumbery.runtime.logging.LoggingToggle;
import io.plumbery.runtime.logging.VerboseLevel;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent process: recovers its tasks from the checkpoints ({@link AgentRecovery}), serves its API, registers with
 * the leading master and heartbeats ({@link MasterRegistration}), runs tasks as processes, or in Docker containers
 * when the Docker containerizer is on ({@link AgentTasks}). This class starts and stops them.
 */
public final class AgentServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentServer.class);

    private final AgentConfig config;
    private final Set<String> corsOrigins;
    private final AgentAuth auth;
    private final AtomicReference<String> agentId = new AtomicReference<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final DockerCli docker;
    private ScheduledExecutorService timers;
    private ExecutorService launcher;
    private StatusUpdates updates;
    private MasterRegistration registration;
    private AgentTasks tasks;
    private HttpServer http;
    private String endpoint;

    public AgentServer(AgentConfig config) {
        this(config, Set.of());
    }

    /** An agent that also answers cross-origin requests from these origins ({@code *}: any); none by default. */
    public AgentServer(AgentConfig config, Set<String> corsOrigins) {
        this(config, corsOrigins, AgentAuth.OPEN);
    }

    /** An agent that authenticates to the master and asks for credentials as {@code auth} says. */
    public AgentServer(AgentConfig config, Set<String> corsOrigins, AgentAuth auth) {
        this.config = config;
        this.corsOrigins = corsOrigins;
        this.auth = auth;
        this.docker = config.docker() == null ? null : new DockerCli(config.docker());
    }

    public void start() throws Exception {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        timers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "agent-" + config.port());
            t.setDaemon(true);
            return t;
        });
        launcher = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "launcher-" + config.port());
            t.setDaemon(true);
            return t;
        });
        if (docker != null) {
            DockerCli.Result version = docker.serverVersion();
            if (!version.ok()) {
                throw new IllegalStateException("The Docker containerizer is on but the Docker engine does not answer ("
                        + docker.binary() + " version: " + version.lastLine() + ")");
            }
            LOG.info("Docker containerizer on: engine {}", version.stdout().strip());
        }
        AgentCheckpoint checkpoint = new AgentCheckpoint(config.workDir());
        checkpoint.agentId().ifPresent(agentId::set);
        // the sender thread, started after the registration exists, is the only caller of these two
        JsonClient toMaster = new JsonClient(Duration.ofSeconds(5), auth.credential());
        updates = new StatusUpdates(() -> registration.masterEndpoint(), agentId::get, () -> registration.lost(),
                config.statusRetryInterval(), toMaster);
        // an agent provisioning images runs DOCKER containers too (without a daemon)
        registration = new MasterRegistration(config, checkpoint, agentId, docker != null || config.images() != null,
                updates, timers, toMaster);
        updates.start();
        tasks = new AgentTasks(config, agentId::get, checkpoint, updates, docker, timers, launcher, started::get);
        new AgentRecovery(checkpoint, tasks, updates, docker, agentId::get, config.hostname()).recover();
        ProvisionerOrphans.remove(config.workDir(), tasks.live());
        Router router = new Router();
        SandboxAttachments attachments = new SandboxAttachments(tasks, config.externalLogFile());
        VirtualFiles files = new VirtualFiles(attachments);
        MasterToken masterToken = new MasterToken(registration::masterToken);
        AgentViewers viewers = new AgentViewers(auth.acls(), tasks, masterToken);
        AgentAcls acls = new AgentAcls(viewers, new FileAccess(attachments, viewers));
        AgentMetrics metrics = new AgentMetrics(tasks, config.resources(), this::isRegistered);
        AgentInventory inventory = new AgentInventory(tasks, metrics, () -> AgentFlags.of(config, port()));
        new AgentApi(this, tasks, new FileCalls(files).or(new InventoryCalls(inventory, viewers))
                .or(new LoggingCalls(VerboseLevel.process())::answer), masterToken, viewers,
                acls).register(router);
        new FilesEndpoints(files).register(router);
        new LoggingToggle(VerboseLevel.process()).register(router);
        new MonitorEndpoints(inventory, viewers).register(router);
        Handler guarded = acls.around(router);
        Handler api = masterToken.readsAround(BasicAuth.around(guarded, auth.httpCredentials(), new AgentRealms(auth)),
                guarded);
        http = new HttpServer("agent", config.ip(), config.port(), Cors.around(api, corsOrigins));
        http.start();
        endpoint = config.ip() + ":" + http.port();
        registration.start(http.port(), endpoint);
    }

    AgentConfig config() {
        return config;
    }

    public Optional<String> agentId() {
        return Optional.ofNullable(agentId.get());
    }

    public boolean isRegistered() {
        return registration.isRegistered();
    }

    public String registeredWith() {
        return registration.registeredWith();
    }

    public int port() {
        return http.port();
    }

    String endpoint() {
        return endpoint;
    }

    Optional<String> masterHostname() {
        return registration.masterHostname();
    }

    /** Stops the agent and leaves its tasks running, to be recovered by the next agent on this work_dir. */
    public void detach() throws Exception {
        if (!started.getAndSet(false)) {
            return;
        }
        registration.close();
        updates.close();
        http.close();
        timers.shutdownNow();
        launcher.shutdownNow();
    }

    /** Stops the agent and kills its tasks (SIGKILL, no grace). */
    @Override
    public void close() throws Exception {
        detach();
        if (tasks != null) {
            tasks.destroyAll();
        }
    }
}
