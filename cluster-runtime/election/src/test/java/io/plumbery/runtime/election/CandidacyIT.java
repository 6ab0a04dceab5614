package io.plumbery.runtime.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Candidacies alone and in a real ZooKeeper: who is elected, who is told, and that a closed one tells no more. */
class CandidacyIT {
    static final Duration WAIT = Duration.ofSeconds(20);
    final ExecutorService events = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        events.shutdownNow();
    }

    @Test
    void aloneIsElectedAtOnceAndNamesNoOtherLeader() throws Exception {
        AtomicInteger elected = new AtomicInteger();
        Candidacy alone = Candidacy.alone("h1:4400", events, elected::incrementAndGet);
        alone.start();
        await().atMost(WAIT).until(() -> elected.get() == 1);
        assertThat(alone.leads()).isTrue();
        assertThat(alone.leaderId()).isEmpty();
        assertThat(alone.leaderElsewhere()).isEmpty();
        alone.close();
        assertThat(alone.leads()).isFalse();
    }

    @Test
    void theSecondIsElectedWhenTheFirstLeavesAndEachNamesTheLeader() throws Exception {
        try (TestingServer zk = new TestingServer();
             CuratorFramework curator = Zk.client(zk.getConnectString(), 5_000)) {
            curator.start();
            AtomicInteger firstElected = new AtomicInteger();
            AtomicInteger firstDefeated = new AtomicInteger();
            AtomicInteger secondElected = new AtomicInteger();
            Candidacy first = Candidacy.inZooKeeper(curator, "/fw/leader", "h1:8080", events,
                    firstElected::incrementAndGet, firstDefeated::incrementAndGet);
            first.start();
            await().atMost(WAIT).until(first::leads);
            Candidacy second = Candidacy.inZooKeeper(curator, "/fw/leader", "h2:8080", events,
                    secondElected::incrementAndGet, () -> { });
            second.start();
            await().atMost(WAIT).until(() -> second.leaderElsewhere().isPresent());

            assertThat(firstElected).hasValue(1);
            assertThat(first.leaderId()).contains("h1:8080");
            assertThat(first.leaderElsewhere()).isEmpty();
            assertThat(second.leads()).isFalse();
            assertThat(second.leaderElsewhere()).contains("h1:8080");

            first.close();
            await().atMost(WAIT).until(() -> secondElected.get() == 1);
            assertThat(second.leads()).isTrue();
            assertThat(second.leaderElsewhere()).isEmpty();
            assertThat(first.leads()).isFalse();
            assertThat(firstDefeated).as("a closed candidacy is told nothing").hasValue(0);
            second.close();
        }
    }
}
