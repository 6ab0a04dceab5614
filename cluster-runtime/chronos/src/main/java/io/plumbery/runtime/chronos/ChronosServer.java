package io.plumbery.runtime.chronos;

import io.plumbery.runtime.chronos.api.ChronosApi;
import io.plumbery.runtime.chronos.api.Leadership;
import io.plumbery.runtime.chronos.job.JobParser;
import io.plumbery.runtime.chronos.scheduler.ChronosLeader;
import io.plumbery.runtime.chronos.state.JobStore;
import io.plumbery.runtime.chronos.state.ZkJobStore;
import io.plumbery.runtime.election.Candidacy;
import io.plumbery.runtime.election.FrameworkElection;
import io.plumbery.runtime.election.Zk;
import io.plumbery.runtime.election.ZkUrl;
import io.plumbery.runtime.http.BasicAuth;
import io.plumbery.runtime.http.HttpServer;
import io.plumbery.runtime.http.Tls;
import io.plumbery.runtime.webui.Page;
import io.plumbery.runtime.webui.WebPages;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Chronos instance: the REST API and its page at {@code /}, its {@link Candidacy} under {@code <zk path>/leader} (or alone without
 * ZooKeeper), and while leading a {@link ChronosLeader} over the jobs under {@code <zk path>/state}. Elections and
 * stops take turns on one thread ({@code chronos-leadership}).
 */
public final class ChronosServer implements AutoCloseable, Leadership {
    private static final Logger LOG = LoggerFactory.getLogger(ChronosServer.class);

    private final ChronosConfig config;
    private final ChronosAuth auth;
    private final FrameworkElection election = new FrameworkElection("chronos-leadership");
    private HttpServer http;
    private CuratorFramework curator;
    private JobStore store;
    private volatile ChronosLeader leader;
    private String endpoint;

    public ChronosServer(ChronosConfig config) {
        this(config, ChronosAuth.OPEN);
    }

    /** A Chronos that asks for credentials and authenticates to the master as {@code auth} says. */
    public ChronosServer(ChronosConfig config, ChronosAuth auth) {
        this.config = config;
        this.auth = auth;
    }

    public void start() throws Exception {
        election.start();
        // the page and its files stay open; its API calls meet the authentication and the browser asks
        Handler api = BasicAuth.around(new ChronosApi(this, new JobParser(config.jobDefaults()), Clock.systemUTC()),
                auth.http(), auth.realms());
        http = new HttpServer("chronos", config.httpAddress(), config.httpPort(),
                new WebPages(api, Page.CHRONOS, this::leaderElsewhere));
        http.start();
        endpoint = config.hostname() + ":" + http.port();
        if (config.zk() == null) {
            store = JobStore.inMemory();
            election.stand(Candidacy.alone(endpoint, election.turns(), this::lead));
        } else {
            ZkUrl zk = ZkUrl.parse(config.zk());
            curator = Zk.client(zk, (int) config.zkSessionTimeout().toMillis());
            curator.start();
            store = new ZkJobStore(curator, zk.path() + "/state");
            election.stand(Candidacy.inZooKeeper(curator, zk.path() + "/leader", endpoint, election.turns(),
                    this::lead, this::stepDown));
        }
    }

    private void lead() {
        if (leader != null || !election.running() || !election.elected()) {
            return;
        }
        LOG.info("Chronos {} elected leader", endpoint);
        ChronosLeader.Settings settings = new ChronosLeader.Settings(config.master(), config.frameworkName(),
                config.user(), config.hostname(), Tls.forProcess().url(endpoint), config.failoverTimeoutSeconds(),
                config.failureRetry(), auth.principal(), auth.mesos());
        ChronosLeader l = new ChronosLeader(settings, store, Clock.systemUTC());
        try {
            l.start();
            leader = l;
        } catch (Exception e) {
            // the jobs could not be read: lead without them would lose them; try again while still elected
            LOG.warn("Starting the scheduler failed; trying again in 2 s", e);
            l.close();
            election.schedule(this::lead, 2, TimeUnit.SECONDS);
        }
    }

    private void stepDown() {
        ChronosLeader l = leader;
        leader = null;
        if (l != null) {
            LOG.info("Chronos {} is no longer the leader", endpoint);
            l.close();
        }
    }

    @Override
    public Optional<ChronosLeader> leading() {
        ChronosLeader l = leader;
        return l != null && election.elected() ? Optional.of(l) : Optional.empty();
    }

    public boolean isLeader() {
        return leading().isPresent();
    }

    /** The leader's endpoint; this instance's own only once it leads (a redirect to itself would loop). */
    @Override
    public Optional<String> leader() {
        return isLeader() ? Optional.of(endpoint) : election.leaderElsewhere();
    }

    /** The leader's base URL while another instance leads, for the page at / to send the browser there. */
    private Optional<String> leaderElsewhere() {
        return isLeader() ? Optional.empty() : leader().filter(l -> !l.equals(endpoint)).map(l -> "//" + l);
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
            if (curator != null) {
                Zk.closeQuietly(curator, 3_000);
            }
            http.close();
        });
    }
}
