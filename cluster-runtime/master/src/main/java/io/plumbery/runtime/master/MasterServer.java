package io.plumbery.runtime.master;

import io.plumbery.runtime.election.LeaderDetector;
import io.plumbery.runtime.election.MesosContender;
import io.plumbery.runtime.election.Zk;
import io.plumbery.runtime.election.ZkUrl;
import io.plumbery.runtime.http.BasicAuth;
import io.plumbery.runtime.http.Cors;
import io.plumbery.runtime.http.HttpServer;
import io.plumbery.runtime.http.Router;
import io.plumbery.runtime.master.api.AgentPages;
import io.plumbery.runtime.master.api.InternalApi;
import io.plumbery.runtime.master.api.LeaderGate;
import io.plumbery.runtime.master.api.MasterList;
import io.plumbery.runtime.master.api.MasterRealms;
import io.plumbery.runtime.master.api.AgentCalls;
import io.plumbery.runtime.master.api.FrameworkTeardown;
import io.plumbery.runtime.logging.LoggingCalls;
import io.plumbery.runtime.logging.LoggingToggle;
import io.plumbery.runtime.logging.VerboseLevel;
import io.plumbery.runtime.master.api.MaintenanceCalls;
import io.plumbery.runtime.master.api.OperatorAcls;
import io.plumbery.runtime.master.api.OperatorApi;
import io.plumbery.runtime.master.api.QuotaCalls;
import io.plumbery.runtime.master.api.OperatorEndpoints;
import io.plumbery.runtime.master.api.SchedulerApi;
import io.plumbery.runtime.mesos.V1Codec;
import io.plumbery.runtime.protocol.MasterInfo;
import io.plumbery.runtime.protocol.ProtocolVersion;
import io.plumbery.runtime.registry.InMemoryRegistryStore;
import io.plumbery.runtime.registry.Registrar;
import io.plumbery.runtime.registry.RegistryStore;
import io.plumbery.runtime.registry.ZkRegistryStore;
import io.plumbery.runtime.state.MasterState;
import io.plumbery.runtime.webui.Page;
import io.plumbery.runtime.webui.WebPages;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A master process: HTTP APIs, leader election in ZooKeeper (or alone without --zk), leader-only loops. */
public final class MasterServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterServer.class);
    private final MasterConfig config;
    private final Set<String> corsOrigins;
    private final MasterAuth auth;
    private final AtomicReference<State> lifecycle = new AtomicReference<>(State.LATENT);
    private ScheduledExecutorService timers;
    private MasterCore core;
    private HttpServer http;
    private CuratorFramework curator;
    private LeaderDetector detector;
    private volatile MesosContender contender;
    private Registrar registrar;
    private AgentRecovery recovery;
    private String zkPath;
    private MasterInfo info;

    private enum State { LATENT, STARTED, CLOSED }

    public MasterServer(MasterConfig config) {
        this(config, Set.of());
    }

    /** A master that also answers cross-origin requests from these origins ({@code *}: any); none by default. */
    public MasterServer(MasterConfig config, Set<String> corsOrigins) {
        this(config, corsOrigins, MasterAuth.OPEN);
    }

    /** A master whose APIs ask for the credentials that {@code auth} names. */
    public MasterServer(MasterConfig config, Set<String> corsOrigins, MasterAuth auth) {
        this.config = config;
        this.corsOrigins = corsOrigins;
        this.auth = auth;
    }

    public void start() throws Exception {
        if (!lifecycle.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("already started");
        }
        timers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "master-" + config.port());
            t.setDaemon(true);
            return t;
        });
        MasterState state = new MasterState(UUID.randomUUID().toString());
        AgentLink agents = new AgentLink();
        ZkUrl zk = config.zk() == null ? null : ZkUrl.parse(config.zk());
        RegistryStore store = new InMemoryRegistryStore();
        if (zk != null) {
            curator = Zk.client(zk, (int) config.zkSessionTimeout().toMillis());
            curator.start();
            store = new ZkRegistryStore(curator, zk.path());
        }
        registrar = new Registrar(store, config.registry());
        registrar.onFailure(this::abdicate);
        core = new MasterCore(config, state, agents, timers, registrar, auth.acls());
        recovery = new AgentRecovery(core);
        SchedulerCalls calls = new SchedulerCalls(core);
        AgentRegistry registry = new AgentRegistry(core);
        LeaderGate gate = new LeaderGate(core::isLeader, this::leader, () -> info);
        Router router = new Router();
        SchedulerApi scheduler = new SchedulerApi(calls);
        router.route(gate.leaderOnly(V1Codec.scheduler().around(scheduler::handle)), "/api/v1/scheduler", "/master/api/v1/scheduler");
        OperatorEndpoints v0 = new OperatorEndpoints(core, gate);
        MaintenanceControl maintenance = new MaintenanceControl(core);
        AgentControl agentControl = new AgentControl(core);
        MaintenanceCalls maintenanceCalls = new MaintenanceCalls(maintenance, core.operatorRecords(), gate);
        maintenanceCalls.register(router);
        QuotaCalls quotaCalls = new QuotaCalls(core, gate);
        quotaCalls.register(router);
        FrameworkTeardown teardown = new FrameworkTeardown(new FrameworkCalls(core), gate);
        teardown.register(router);
        OperatorApi operator = new OperatorApi(core, v0, List.of(maintenanceCalls, new AgentCalls(agentControl, core.operatorRecords()),
                quotaCalls, teardown, new LoggingCalls(VerboseLevel.process())::answer));
        router.route(gate.leaderOnly(V1Codec.masterOperator().around(operator::handle)), "/api/v1", "/master/api/v1");
        v0.register(router);
        new LoggingToggle(VerboseLevel.process()).register(router);
        new InternalApi(registry).register(router);
        new MasterList(this::masters).register(router);
        router.routeUnder(AgentPages.PREFIX, gate.leaderOnly(new AgentPages(core, agents)::handle));
        Handler api = BasicAuth.around(new OperatorAcls(auth.acls()).around(router), auth.credentials(),
                new MasterRealms(auth));
        http = new HttpServer("master", config.ip(), config.port(),
                Cors.around(new WebPages(api, Page.MESOS, this::leaderElsewhere), corsOrigins));
        http.start();
        info = MasterInfo.of(state.masterId(), config.ip(), config.hostname(), http.port(), ProtocolVersion.MESOS);
        core.setInfo(info);
        if (zk != null) {
            detector = new LeaderDetector(curator, zk.path(), leader -> { });
            detector.start();
            zkPath = zk.path();
            contend();
        } else {
            lead();
        }
        long allocationMs = config.allocationInterval().toMillis();
        timers.scheduleWithFixedDelay(core::allocate, allocationMs, allocationMs, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(core::expireOffers, 1, 1, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(registry::checkTimeouts, 1, 1, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(() -> {
            maintenance.sendInverseOffers();
            agentControl.checkDrained();
        }, allocationMs, allocationMs, TimeUnit.MILLISECONDS);
        long hb = config.heartbeatInterval().toMillis();
        timers.scheduleWithFixedDelay(core::sendHeartbeats, hb, hb, TimeUnit.MILLISECONDS);
    }

    /** The leading master as seen from here (this one when it leads). */
    public Optional<MasterInfo> leader() {
        if (core != null && core.isLeader()) {
            return Optional.of(info);
        }
        return detector == null ? Optional.empty() : detector.leader();
    }

    /** Every master contending, the leader first (this one alone without ZooKeeper). */
    public List<MasterInfo> masters() {
        return detector == null ? List.of(info) : detector.masters();
    }

    private void contend() {
        contender = new MesosContender(curator, zkPath, info, new MesosContender.Listener() {
            @Override
            public void elected() {
                lead();
            }

            @Override
            public void demoted() {
                core.demoted();
            }
        });
        contender.start();
    }

    /** Elected: leads once the registry is recovered; gives the leadership up if it cannot be. */
    private void lead() {
        try {
            core.elected();
            recovery.elected();
        } catch (Exception e) {
            LOG.error("Recovering the registry failed; giving up the leadership: {}", e.toString());
            abdicate();
        }
    }

    /**
     * Stops leading at once (a registry write failed, or could not be read): this master's candidacy is withdrawn, so
     * that the next contender leads, and made again, behind the others, a moment later (Mesos's master aborts and is
     * restarted).
     */
    private void abdicate() {
        core.demoted();
        MesosContender withdrawn = contender;
        if (lifecycle.get() != State.STARTED) {
            return;
        }
        if (withdrawn == null) {
            timers.schedule(this::lead, 1, TimeUnit.SECONDS);
            return;
        }
        timers.execute(() -> {
            String node = withdrawn.ownNode();
            withdrawn.close();
            try {
                if (node != null) {
                    curator.delete().forPath(zkPath + "/" + node);
                }
            } catch (Exception e) {
                LOG.info("Could not withdraw the candidacy {}: {}", node, e.toString());
            }
            timers.schedule(() -> {
                // one new candidacy however many failures withdrew this one
                if (lifecycle.get() == State.STARTED && contender == withdrawn) {
                    contend();
                }
            }, 1, TimeUnit.SECONDS);
        });
    }

    /** The leader's base URL while another master leads, for the page at / to send the browser there. */
    private Optional<String> leaderElsewhere() {
        if (isLeader()) {
            return Optional.empty();
        }
        // a demoted master may still be named by the detector for a moment: never send the browser to itself
        return leader().filter(l -> info == null || !l.id().equals(info.id())).map(LeaderGate::baseUrl);
    }

    public boolean isLeader() {
        return core != null && core.isLeader();
    }

    public MasterInfo info() {
        return info;
    }

    public int port() {
        return http.port();
    }

    public MasterCore core() {
        return core;
    }

    @Override
    public void close() throws Exception {
        if (lifecycle.getAndSet(State.CLOSED) != State.STARTED) {
            return;
        }
        if (contender != null) {
            contender.close();
        }
        if (detector != null) {
            detector.close();
        }
        if (curator != null) {
            Zk.closeQuietly(curator, 3_000);
        }
        core.demoted();
        registrar.close();
        timers.shutdownNow();
        http.close();
    }
}
