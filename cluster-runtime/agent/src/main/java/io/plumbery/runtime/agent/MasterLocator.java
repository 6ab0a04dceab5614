package io.plumbery.runtime.agent;

import io.plumbery.runtime.election.FlagFile;
import io.plumbery.runtime.election.LeaderDetector;
import io.plumbery.runtime.election.Zk;
import io.plumbery.runtime.election.ZkUrl;
import io.plumbery.runtime.protocol.MasterInfo;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;

/** Where the leading master is: from ZooKeeper (re-found after each change) or a fixed host:port (either maybe in a file:// value). */
final class MasterLocator implements AutoCloseable {
    private final String master;
    private final int sessionTimeoutMs;
    private final Runnable onChange;
    private CuratorFramework curator;
    private LeaderDetector detector;

    MasterLocator(String master, int sessionTimeoutMs, Runnable onChange) {
        this.master = FlagFile.resolve(master);
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.onChange = onChange;
    }

    void start() {
        if (ZkUrl.isZk(master)) {
            ZkUrl zk = ZkUrl.parse(master);
            curator = Zk.client(zk, sessionTimeoutMs);
            curator.start();
            detector = new LeaderDetector(curator, zk.path(), leader -> onChange.run());
            detector.start();
        }
    }

    /** host:port of the leading master's HTTP API, if known. */
    Optional<String> endpoint() {
        if (detector == null) {
            return Optional.of(master);
        }
        return detector.leader().map(MasterInfo::endpoint);
    }

    Optional<String> leaderHostname() {
        return detector == null ? Optional.of(master.split(":")[0]) : detector.leader().map(MasterInfo::hostname);
    }

    @Override
    public void close() {
        if (detector != null) {
            detector.close();
        }
        if (curator != null) {
            Zk.closeQuietly(curator, 3_000);
        }
    }
}
