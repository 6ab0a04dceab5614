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
import io.plumbery.runtime.master.api.MaintenanceCalls;
import io.plumbery.runtime.master.api.OperatorApi;
import io.plumbery.runtime.master.api.QuotaCalls;
import io.plumbery.runtime.master.api.OperatorEndpoints;
import io.plumbery.runtime.master.api.SchedulerApi;
import io.plumbery.runtime.mesos.V1Codec;
import io.plumbery.runtime.protocol.MasterInfo;
import io.plumbery.runtime.protocol.ProtocolVersion;
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

/** A master process: HTTP APIs, leader election in ZooKeeper (or alone without --zk), leader-only loops. */
public final class MasterServer implements AutoCloseable {
    private final MasterConfig config;
    private final Set<String> corsOrigins;
    private final MasterAuth auth;
    private final AtomicReference<State> lifecycle = new AtomicReference<>(State.LATENT);
    private ScheduledExecutorService timers;
    private MasterCore core;
    private HttpServer http;
    private CuratorFramework curator;
    private LeaderDetector detector;
    private MesosContender contender;
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
        core = new MasterCore(config, state, agents, timers);
        SchedulerCalls calls = new SchedulerCalls(core);
        AgentRegistry registry = new AgentRegistry(core);
        LeaderGate gate = new LeaderGate(core::isLeader, this::leader, () -> info);
        Router router = new Router();
        SchedulerApi scheduler = new SchedulerApi(calls);
        router.route(gate.leaderOnly(V1Codec.scheduler().around(scheduler::handle)), "/api/v1/scheduler", "/master/api/v1/scheduler");
        OperatorEndpoints v0 = new OperatorEndpoints(core, gate);
        MaintenanceControl maintenance = new MaintenanceControl(core);
        AgentControl agentControl = new AgentControl(core);
        MaintenanceCalls maintenanceCalls = new MaintenanceCalls(maintenance, gate);
        maintenanceCalls.register(router);
        QuotaCalls quotaCalls = new QuotaCalls(core, gate);
        quotaCalls.register(router);
        FrameworkTeardown teardown = new FrameworkTeardown(new FrameworkCalls(core), gate);
        teardown.register(router);
        OperatorApi operator = new OperatorApi(core, v0, List.of(maintenanceCalls, new AgentCalls(agentControl),
                quotaCalls, teardown));
        router.route(gate.leaderOnly(V1Codec.masterOperator().around(operator::handle)), "/api/v1", "/master/api/v1");
        v0.register(router);
        new InternalApi(registry).register(router);
        new MasterList(this::masters).register(router);
        router.routeUnder(AgentPages.PREFIX, gate.leaderOnly(new AgentPages(core, agents)::handle));
        Handler api = BasicAuth.around(router, auth.credentials(), new MasterRealms(auth));
        http = new HttpServer("master", config.ip(), config.port(),
                Cors.around(new WebPages(api, Page.MESOS, this::leaderElsewhere), corsOrigins));
        http.start();
        info = MasterInfo.of(state.masterId(), config.ip(), config.hostname(), http.port(), ProtocolVersion.MESOS);
        core.setInfo(info);
        if (config.zk() != null) {
            ZkUrl zk = ZkUrl.parse(config.zk());
            curator = Zk.client(zk, (int) config.zkSessionTimeout().toMillis());
            curator.start();
            detector = new LeaderDetector(curator, zk.path(), leader -> { });
            detector.start();
            contender = new MesosContender(curator, zk.path(), info, new MesosContender.Listener() {
                @Override
                public void elected() {
                    core.elected();
                }

                @Override
                public void demoted() {
                    core.demoted();
                }
            });
            contender.start();
        } else {
            core.elected();
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
        timers.shutdownNow();
        http.close();
    }
}
