package io.plumbery.runtime.chronos;

import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's part in the leader election: a Curator leader latch under a path, its participant id the
 * instance's endpoint, whose news ({@code elected}, {@code defeated}) run on the given executor. Without ZooKeeper
 * the instance stands alone and is elected at once.
 */
final class Candidacy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Candidacy.class);

    private final LeaderLatch latch;
    private final String id;
    private final Executor events;
    private final Runnable elected;
    private final Runnable defeated;

    private Candidacy(LeaderLatch latch, String id, Executor events, Runnable elected, Runnable defeated) {
        this.latch = latch;
        this.id = id;
        this.events = events;
        this.elected = elected;
        this.defeated = defeated;
    }

    static Candidacy inZooKeeper(CuratorFramework curator, String path, String id, Executor events, Runnable elected,
                                 Runnable defeated) {
        return new Candidacy(new LeaderLatch(curator, path, id), id, events, elected, defeated);
    }

    static Candidacy alone(String id, Executor events, Runnable elected) {
        return new Candidacy(null, id, events, elected, () -> { });
    }

    void start() throws Exception {
        if (latch == null) {
            events.execute(elected);
            return;
        }
        latch.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                elected.run();
            }

            @Override
            public void notLeader() {
                defeated.run();
            }
        }, events);
        latch.start();
    }

    boolean leads() {
        return latch == null || latch.hasLeadership();
    }

    /** The id of the participant leading, when it is another one. */
    Optional<String> leaderElsewhere() {
        if (latch == null) {
            return Optional.empty();
        }
        try {
            var leader = latch.getLeader();
            return leader.isLeader() && !leader.getId().equals(id) ? Optional.of(leader.getId()) : Optional.empty();
        } catch (Exception e) {
            LOG.debug("Asking ZooKeeper who leads failed: {}", e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        if (latch != null) {
            try {
                latch.close(LeaderLatch.CloseMode.SILENT);
            } catch (Exception e) {
                LOG.debug("Leaving the election failed: {}", e.toString());
            }
        }
    }
}
