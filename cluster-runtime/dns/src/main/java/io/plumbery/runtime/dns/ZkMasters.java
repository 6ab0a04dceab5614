package io.plumbery.runtime.dns;

import io.plumbery.runtime.election.LeaderDetector;
import io.plumbery.runtime.election.Zk;
import io.plumbery.runtime.election.ZkUrl;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.MasterInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The masters in ZooKeeper: the leader as {@link LeaderDetector} sees it (the agents and Marathon find it the same
 * way), then every other contender's {@code json.info_} znode, read at each refresh (Mesos-DNS's detector also
 * publishes all contenders as {@code master.<domain>}).
 */
final class ZkMasters implements MasterSource {
    private static final Logger LOG = LoggerFactory.getLogger(ZkMasters.class);
    private final ZkUrl url;
    private final CuratorFramework curator;
    private LeaderDetector detector;

    ZkMasters(ZkUrl url, Duration sessionTimeout) {
        this.url = url;
        this.curator = Zk.client(url, (int) sessionTimeout.toMillis());
    }

    @Override
    public void start(Runnable onLeaderChange) {
        curator.start();
        detector = new LeaderDetector(curator, url.path(), leader -> onLeaderChange.run());
        detector.start();
    }

    @Override
    public List<String> masters() {
        List<String> out = new ArrayList<>();
        detector.leader().map(MasterInfo::endpoint).ifPresent(out::add);
        try {
            if (curator.checkExists().forPath(url.path()) != null) {
                for (String node : Zk.contenders(curator.getChildren().forPath(url.path()))) {
                    String endpoint = Json.read(curator.getData().forPath(url.path() + "/" + node), MasterInfo.class)
                            .endpoint();
                    if (!out.contains(endpoint)) {
                        out.add(endpoint);
                    }
                }
            }
        } catch (Exception e) {
            // a contender gone between the listing and the read, or ZooKeeper away: the leader alone will do
            LOG.debug("Listing the masters under {} failed: {}", url.path(), e.toString());
        }
        return out;
    }

    @Override
    public void close() {
        if (detector != null) {
            detector.close();
        }
        Zk.closeQuietly(curator, 3_000);
    }
}
