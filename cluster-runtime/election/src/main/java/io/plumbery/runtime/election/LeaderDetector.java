package io.plumbery.runtime.election;

import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.MasterInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the leading Mesos master: the {@code json.info_} znode with the lowest sequence under the path, whose data is
 * the MasterInfo JSON. Watches the children and tells the listener on every change of leader. The other contenders
 * are the standbys, kept too (every master's page lists them).
 */
public final class LeaderDetector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderDetector.class);

    private final CuratorFramework client;
    private final String path;
    private final Consumer<Optional<MasterInfo>> listener;
    private final ScheduledExecutorService events =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "leader-detector"));
    private final CuratorWatcher watcher = event -> refreshLater();
    private final ConnectionStateListener connection = (c, state) -> {
        if (state.isConnected()) {
            refreshLater();
        }
    };
    private volatile Optional<MasterInfo> leader = Optional.empty();
    private volatile List<MasterInfo> masters = List.of();
    private volatile boolean closed;

    public LeaderDetector(CuratorFramework client, String path, Consumer<Optional<MasterInfo>> listener) {
        this.client = client;
        this.path = path;
        this.listener = listener;
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void start() {
        client.getConnectionStateListenable().addListener(connection);
        refreshLater();
    }

    public Optional<MasterInfo> leader() {
        return leader;
    }

    /** Every master contending, in election order: the leader first, then the standbys in the order they would lead. */
    public List<MasterInfo> masters() {
        return masters;
    }

    private void refreshLater() {
        if (!closed) {
            try {
                events.execute(this::refresh);
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                LOG.debug("closed while an event arrived");
            }
        }
    }

    private void refresh() {
        if (closed) {
            return;
        }
        List<MasterInfo> found = new ArrayList<>();
        try {
            if (client.checkExists().usingWatcher(watcher).forPath(path) != null) {
                List<String> contenders = Zk.contenders(client.getChildren().usingWatcher(watcher).forPath(path));
                for (String node : contenders) {
                    try {
                        found.add(Json.read(client.getData().forPath(path + "/" + node), MasterInfo.class));
                    } catch (KeeperException.NoNodeException gone) {
                        LOG.debug("Contender {} vanished while reading", node);
                    }
                }
            }
        } catch (Exception e) {
            LOG.info("Leader detection under {} failed ({}); retrying in 1 s", path, e.toString());
            if (!closed) {
                try {
                    events.schedule(this::refresh, 1, TimeUnit.SECONDS);
                } catch (java.util.concurrent.RejectedExecutionException stopped) {
                    LOG.debug("detector closed");
                }
            }
            return;
        }
        Optional<MasterInfo> first = found.stream().findFirst();
        boolean changed = !Objects.equals(first, leader);
        // the leader first: whoever sees the new list sees its leader too
        leader = first;
        masters = List.copyOf(found);
        if (changed) {
            LOG.info("Leading master under {}: {}", path, first.map(MasterInfo::endpoint).orElse("none"));
            listener.accept(first);
        }
    }

    @Override
    public void close() {
        closed = true;
        client.getConnectionStateListenable().removeListener(connection);
        events.shutdownNow();
    }
}
