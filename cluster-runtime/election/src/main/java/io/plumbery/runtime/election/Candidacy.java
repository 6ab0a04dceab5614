package io.plumbery.runtime.election;

import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance's part in a leader election: a Curator leader latch under a path, its participant id the
 * instance's endpoint, whose news ({@code elected}, {@code defeated}) run on the given executor. Without ZooKeeper
 * the instance stands alone and is elected at once. Once closed it passes on no more news, so that a candidacy left
 * for a new one cannot start or stop a leader in the new one's place.
 */
public final class Candidacy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Candidacy.class);

    private final LeaderLatch latch;
    private final String id;
    private final Executor events;
    private final Runnable elected;
    private final Runnable defeated;
    private volatile boolean closed;

    private Candidacy(LeaderLatch latch, String id, Executor events, Runnable elected, Runnable defeated) {
        this.latch = latch;
        this.id = id;
        this.events = events;
        this.elected = elected;
        this.defeated = defeated;
    }

    public static Candidacy inZooKeeper(CuratorFramework curator, String path, String id, Executor events,
                                        Runnable elected, Runnable defeated) {
        return new Candidacy(new LeaderLatch(curator, path, id), id, events, elected, defeated);
    }

    public static Candidacy alone(String id, Executor events, Runnable elected) {
        return new Candidacy(null, id, events, elected, () -> { });
    }

    public void start() throws Exception {
        if (latch == null) {
            events.execute(() -> tell(elected));
            return;
        }
        latch.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                tell(elected);
            }

            @Override
            public void notLeader() {
                tell(defeated);
            }
        }, events);
        latch.start();
    }

    private void tell(Runnable news) {
        if (!closed) {
            news.run();
        }
    }

    public boolean leads() {
        return !closed && (latch == null || latch.hasLeadership());
    }

    /** The id of the participant ZooKeeper says leads, this one's own included; none when standing alone. */
    public Optional<String> leaderId() {
        if (latch == null) {
            return Optional.empty();
        }
        try {
            var leader = latch.getLeader();
            return leader.isLeader() && !leader.getId().isEmpty() ? Optional.of(leader.getId()) : Optional.empty();
        } catch (Exception e) {
            LOG.debug("Asking ZooKeeper who leads failed: {}", e.toString());
            return Optional.empty();
        }
    }

    /** The id of the participant leading, when it is another one. */
    public Optional<String> leaderElsewhere() {
        return leaderId().filter(leader -> !leader.equals(id));
    }

    @Override
    public void close() {
        closed = true;
        if (latch != null) {
            try {
                latch.close(LeaderLatch.CloseMode.SILENT);
            } catch (Exception e) {
                LOG.debug("Leaving the election failed: {}", e.toString());
            }
        }
    }
}
