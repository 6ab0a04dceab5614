package io.plumbery.runtime.dns;

import io.plumbery.runtime.election.FlagFile;
import io.plumbery.runtime.election.ZkUrl;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The masters to ask for the state and to publish as {@code master.<domain>}. */
interface MasterSource extends AutoCloseable {
    /** Starts watching; {@code onLeaderChange} runs (on another thread) whenever the leading master changes. */
    void start(Runnable onLeaderChange);

    /** host:port of every master known, the leading master first when known. */
    List<String> masters();

    @Override
    void close();

    /** From ZooKeeper for a {@code zk://} URL, else the fixed {@code host:port[,host:port...]} list. */
    static MasterSource of(String flag, Duration zkSessionTimeout) {
        String master = FlagFile.resolve(flag);
        if (ZkUrl.isZk(master)) {
            return new ZkMasters(ZkUrl.parse(master), zkSessionTimeout);
        }
        List<String> fixed = Arrays.stream(master.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new MasterSource() {
            @Override
            public void start(Runnable onLeaderChange) {
            }

            @Override
            public List<String> masters() {
                return fixed;
            }

            @Override
            public void close() {
            }
        };
    }
}
