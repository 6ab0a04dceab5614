package io.plumbery.runtime.election;

import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.MasterInfo;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.CreateMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election the way Apache Mesos does it: an ephemeral sequential znode {@code json.info_NNNNNNNNNN} holding
 * the MasterInfo JSON; the lowest sequence leads; every other contender watches its predecessor only.
 */
public final class MesosContender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MesosContender.class);

    /** Told when this contender becomes or stops being the leader. */
    public interface Listener {
        void elected();

        void demoted();
    }

    private final CuratorFramework client;
    private final String path;
    private final MasterInfo info;
    private final Listener listener;
    private final ScheduledExecutorService events =
            Executors.newSingleThreadScheduledExecutor(r -> LeaderDetector.daemon(r, "contender"));
    private final AtomicBoolean leader = new AtomicBoolean();
    private final CuratorWatcher predecessorWatcher = event -> checkLater();
    private final ConnectionStateListener connection = this::connectionChanged;
    private volatile String ownNode;
    private volatile boolean closed;

    public MesosContender(CuratorFramework client, String path, MasterInfo info, Listener listener) {
        this.client = client;
        this.path = path;
        this.info = info;
        this.listener = listener;
    }

    public void start() {
        client.getConnectionStateListenable().addListener(connection);
        checkLater();
    }

    public boolean isLeader() {
        return leader.get();
    }

    public String ownNode() {
        return ownNode;
    }

    private void connectionChanged(CuratorFramework c, ConnectionState state) {
        if (state == ConnectionState.LOST) {
            ownNode = null;
            demote();
        }
        if (state == ConnectionState.RECONNECTED || state == ConnectionState.CONNECTED) {
            checkLater();
        }
    }

    private void checkLater() {
        if (!closed) {
            try {
                events.execute(this::check);
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                LOG.debug("closed while an event arrived");
            }
        }
    }

    private void retryLater() {
        if (!closed) {
            try {
                events.schedule(this::check, 1, TimeUnit.SECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                LOG.debug("contender closed");
            }
        }
    }

    private void check() {
        if (closed) {
            return;
        }
        try {
            if (ownNode == null || client.checkExists().forPath(path + "/" + ownNode) == null) {
                demote();
                String created = client.create().creatingParentsIfNeeded()
                        .withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath(path + "/" + Zk.PREFIX, Json.bytes(info));
                ownNode = created.substring(created.lastIndexOf('/') + 1);
                LOG.info("Master {} contending as {}", info.endpoint(), created);
            }
            List<String> contenders = Zk.contenders(client.getChildren().forPath(path));
            int mine = contenders.indexOf(ownNode);
            if (mine == 0) {
                if (leader.compareAndSet(false, true)) {
                    LOG.info("Master {} elected leader ({})", info.endpoint(), ownNode);
                    listener.elected();
                }
                return;
            }
            demote();
            String predecessor = contenders.get(Math.max(0, mine - 1));
            if (client.checkExists().usingWatcher(predecessorWatcher).forPath(path + "/" + predecessor) == null) {
                checkLater();
            }
        } catch (Exception e) {
            LOG.info("Contending under {} failed ({}); retrying in 1 s", path, e.toString());
            retryLater();
        }
    }

    private void demote() {
        if (leader.compareAndSet(true, false)) {
            LOG.info("Master {} lost leadership", info.endpoint());
            listener.demoted();
        }
    }

    @Override
    public void close() {
        closed = true;
        client.getConnectionStateListenable().removeListener(connection);
        events.shutdownNow();
        // The ephemeral znode goes with the session, which the owner of the client closes.
        leader.set(false);
    }
}
