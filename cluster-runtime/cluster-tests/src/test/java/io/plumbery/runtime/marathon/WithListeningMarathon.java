package io.plumbery.runtime.marathon;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ITs of one class share a test cluster ({@link #agents()} agents), its leading Marathon subscribed to the master,
 * and a client of it that collects its events from the start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WithListeningMarathon {
    static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    static Path dir;
    TestCluster cluster;
    MarathonServer marathon;
    MarathonClient client;

    /** How many agents the cluster has. */
    int agents() {
        return 2;
    }

    @BeforeAll
    void startCluster() throws Exception {
        cluster = new TestCluster(dir, agents());
        await().atMost(WAIT).until(cluster::ready);
        marathon = cluster.leadingMarathon();
        client = new MarathonClient(marathon.endpoint());
        client.listen();
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
