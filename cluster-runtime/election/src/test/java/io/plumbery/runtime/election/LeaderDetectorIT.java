package io.plumbery.runtime.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plumbery.runtime.protocol.MasterInfo;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** The detector against masters contending in a real ZooKeeper: the leader, and every master in election order. */
class LeaderDetectorIT {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final MesosContender.Listener QUIET = new MesosContender.Listener() {
        @Override
        public void elected() {
        }

        @Override
        public void demoted() {
        }
    };

    @Test
    void namesTheLeaderFirstThenTheStandbysAndForgetsAMasterThatLeaves() throws Exception {
        try (TestingServer zk = new TestingServer();
             CuratorFramework firstSession = Zk.client(zk.getConnectString(), 5_000);
             CuratorFramework curator = Zk.client(zk.getConnectString(), 5_000)) {
            firstSession.start();
            curator.start();
            MasterInfo one = MasterInfo.of("m1", "127.0.0.1", "one", 5050, "1.11.0");
            MasterInfo two = MasterInfo.of("m2", "127.0.0.2", "two", 5050, "1.11.0");
            MesosContender first = new MesosContender(firstSession, "/mesos", one, QUIET);
            first.start();
            await().atMost(WAIT).until(first::isLeader);
            MesosContender second = new MesosContender(curator, "/mesos", two, QUIET);
            second.start();
            try (LeaderDetector detector = new LeaderDetector(curator, "/mesos", leader -> { })) {
                detector.start();
                await().atMost(WAIT).until(() -> detector.masters().size() == 2);
                assertThat(detector.leader()).contains(one);
                assertThat(detector.masters()).containsExactly(one, two);

                // its znode goes with its session, as when a master's process ends
                first.close();
                firstSession.close();
                await().atMost(WAIT).until(() -> detector.masters().equals(List.of(two)));
                assertThat(detector.leader()).contains(two);
            } finally {
                second.close();
            }
        }
    }
}
