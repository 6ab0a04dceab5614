package io.plumbery.runtime.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class FrameworkElectionTest {

    @Test
    void startsOnceStandsAloneAndClosesInTurnThenWhatIsBehind() throws Exception {
        FrameworkElection election = new FrameworkElection("test-turns");
        List<String> done = new CopyOnWriteArrayList<>();
        election.start();
        assertThatThrownBy(election::start).isInstanceOf(IllegalStateException.class).hasMessage("already started");
        assertThat(election.elected()).isFalse();
        assertThat(election.leaderId()).isEmpty();

        election.stand(Candidacy.alone("h1:4400", election.turns(),
                () -> done.add("elected on " + Thread.currentThread().getName())));
        await().atMost(Duration.ofSeconds(10)).until(() -> done.size() == 1);
        assertThat(done).containsExactly("elected on test-turns");
        assertThat(election.running()).isTrue();
        assertThat(election.elected()).isTrue();

        election.close(() -> done.add("stepped down"), () -> done.add("after"));
        election.close(() -> done.add("stepped down again"), () -> done.add("after again"));
        assertThat(done).containsExactly("elected on test-turns", "stepped down", "after");
        assertThat(election.running()).isFalse();
        assertThat(election.elected()).as("closing leaves the election").isFalse();
        assertThat(election.leave()).isFalse();
    }

    @Test
    void closingWhatNeverStartedDoesNothing() throws Exception {
        FrameworkElection election = new FrameworkElection("test-turns");
        List<String> done = new CopyOnWriteArrayList<>();
        election.close(() -> done.add("stepped down"), () -> done.add("after"));
        assertThat(done).isEmpty();
    }
}
