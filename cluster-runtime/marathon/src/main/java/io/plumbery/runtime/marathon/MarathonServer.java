package io.plumbery.runtime.marathon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.election.Candidacy;
import io.plumbery.runtime.election.FrameworkElection;
import io.plumbery.runtime.election.Zk;
import io.plumbery.runtime.election.ZkUrl;
import io.plumbery.runtime.http.BasicAuth;
import io.plumbery.runtime.http.Cors;
import io.plumbery.runtime.http.HttpServer;
import io.plumbery.runtime.http.Tls;
import io.plumbery.runtime.marathon.api.Leadership;
import io.plumbery.runtime.marathon.api.MarathonApi;
import io.plumbery.runtime.marathon.api.MarathonRealms;
import io.plumbery.runtime.marathon.core.EventBus;
import io.plumbery.runtime.marathon.core.MarathonScheduler;
import io.plumbery.runtime.marathon.core.SchedulerConfig;
import io.plumbery.runtime.marathon.model.MarathonJson;
import io.plumbery.runtime.marathon.state.MarathonStore;
import io.plumbery.runtime.marathon.state.ZkStore;
import io.plumbery.runtime.webui.Page;
import io.plumbery.runtime.webui.WebPages;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Marathon instance: the REST API, its {@link Candidacy} under {@code <zk path>/leader} (or alone without
 * ZooKeeper), and while leading a {@link MarathonScheduler} over the state under {@code <zk path>/state}.
 */
public final class MarathonServer implements AutoCloseable, Leadership {
    private static final Logger LOG = LoggerFactory.getLogger(MarathonServer.class);
    private static final long REJOIN_AFTER_ABDICATION_MILLIS = 2_000;

    private final MarathonConfig config;
    private final Set<String> corsOrigins;
    private final MarathonAuth auth;
    private final EventBus events = new EventBus();
    private final FrameworkElection election = new FrameworkElection("marathon-leadership");
    private HttpServer http;
    private CuratorFramework curator;
    private ZkUrl zk;
    private MarathonStore store;
    private volatile MarathonScheduler scheduler;
    private String endpoint;

    public MarathonServer(MarathonConfig config) {
        this(config, Set.of());
    }

    /** A Marathon that also answers cross-origin requests from these origins ({@code *}: any); none by default. */
    public MarathonServer(MarathonConfig config, Set<String> corsOrigins) {
        this(config, corsOrigins, MarathonAuth.OPEN);
    }

    /** A Marathon that asks for credentials and authenticates to the master as {@code auth} says. */
    public MarathonServer(MarathonConfig config, Set<String> corsOrigins, MarathonAuth auth) {
        this.config = config;
        this.corsOrigins = corsOrigins;
        this.auth = auth;
    }

    public void start() throws Exception {
        election.start();
        Handler api = BasicAuth.around(new MarathonApi(this), auth.http(), new MarathonRealms(auth.realm()));
        http = new HttpServer("marathon", config.httpAddress(), config.httpPort(),
                Cors.around(new WebPages(api, Page.MARATHON, this::leaderElsewhere), corsOrigins));
        http.start();
        endpoint = config.hostname() + ":" + http.port();
        if (config.zk() == null) {
            store = MarathonStore.inMemory();
        } else {
            zk = ZkUrl.parse(config.zk());
            curator = Zk.client(zk, (int) config.zkSessionTimeout().toMillis());
            curator.start();
            store = new ZkStore(curator, zk.path() + "/state");
        }
        election.execute(this::join);
    }

    private void join() {
        if (!election.running()) {
            return;
        }
        Candidacy c = zk == null ? Candidacy.alone(endpoint, election.turns(), this::lead)
                : Candidacy.inZooKeeper(curator, zk.path() + "/leader", endpoint, election.turns(), this::lead,
                        this::stepDown);
        try {
            election.stand(c);
        } catch (Exception e) {
            LOG.warn("Joining the leader election failed", e);
        }
    }

    private void lead() {
        if (scheduler != null || !election.running() || !election.elected()) {
            return;
        }
        LOG.info("Marathon {} elected leader", endpoint);
        SchedulerConfig sc = new SchedulerConfig(config.master(), config.frameworkName(), config.hostname(),
                Tls.forProcess().url(endpoint), config.failoverTimeoutSeconds(), config.declineOfferSeconds(), config.tick(),
                config.reconciliationInterval(), config.mesosUser(), auth.principal(),
                auth.mesos(), config.docker(), config.httpEndpoints(), config.roles());
        MarathonScheduler s = new MarathonScheduler(sc, store, events);
        try {
            s.start();
            scheduler = s;
            events.publish(events.event("leader_elected").put("leader", endpoint));
        } catch (Exception e) {
            LOG.warn("Starting the scheduler failed; giving up leadership", e);
            s.close();
            abdicate();
        }
    }

    private void stepDown() {
        MarathonScheduler s = scheduler;
        scheduler = null;
        if (s != null) {
            LOG.info("Marathon {} is no longer the leader", endpoint);
            s.close();
        }
    }

    @Override
    public void abdicate() {
        election.execute(() -> {
            stepDown();
            if (election.leave()) {
                election.schedule(this::join, REJOIN_AFTER_ABDICATION_MILLIS, TimeUnit.MILLISECONDS);
            }
        });
    }

    @Override
    public boolean isLeader() {
        return scheduler != null && election.elected();
    }

    @Override
    public Optional<String> leader() {
        return isLeader() ? Optional.of(endpoint) : election.leaderId();
    }

    /** The leader's base URL while another instance leads, for the page at / to send the browser there. */
    private Optional<String> leaderElsewhere() {
        return isLeader() ? Optional.empty()
                : leader().filter(l -> !l.equals(endpoint)).map(l -> "//" + l);
    }

    @Override
    public MarathonScheduler scheduler() {
        return scheduler;
    }

    @Override
    public ObjectNode config() {
        ObjectNode out = MarathonJson.object();
        out.putObject("marathon_config").put("master", ZkUrl.mask(config.master())).put("hostname", config.hostname())
                .put("framework_name", config.frameworkName()).put("failover_timeout", config.failoverTimeoutSeconds())
                .put("decline_offer_duration", (long) (config.declineOfferSeconds() * 1000)).put("mesos_role", config.roles().mesosRole())
                .put("mesos_user", config.mesosUser())
                .put("checkpoint", true);
        out.putObject("zookeeper_config").put("zk", ZkUrl.mask(config.zk()));
        out.putObject("http_config").put("http_port", port()).put("http_address", config.httpAddress());
        return out;
    }

    @Override
    public EventBus events() {
        return events;
    }

    public int port() {
        return http.port();
    }

    public String endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        election.close(this::stepDown, () -> {
            events.close();
            if (curator != null) {
                Zk.closeQuietly(curator, 3_000);
            }
            try {
                http.close();
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.info("Some HTTP exchanges were still open at stop");
            }
        });
    }
}
