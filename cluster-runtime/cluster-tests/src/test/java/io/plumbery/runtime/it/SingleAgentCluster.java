package io.plumbery.runtime.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.master.MasterServer;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.curator.test.TestingServer;

/**
 * ZooKeeper, a leading master on 127.0.0.1, one agent registered with it from 127.0.0.2, and a v1 scheduler
 * subscribed to the master: the cluster of the tests that drive one framework's tasks.
 */
record SingleAgentCluster(TestingServer zk, MasterServer master, AgentServer agent, SchedulerClient scheduler,
                          String endpoint) implements AutoCloseable {

    static SingleAgentCluster start(Path dir, ObjectNode frameworkInfo) throws Exception {
        TestingServer zk = new TestingServer(Cluster.freePort("127.0.0.1"), true);
        String url = "zk://" + zk.getConnectString() + "/mesos";
        MasterServer master = Cluster.master("127.0.0.1", url, dir.resolve("master"));
        await().atMost(Duration.ofSeconds(15)).until(master::isLeader);
        String endpoint = "127.0.0.1:" + master.port();
        AgentServer agent = Cluster.agent("127.0.0.2", url, dir.resolve("agent"));
        await().atMost(Duration.ofSeconds(15)).until(agent::isRegistered);
        SchedulerClient scheduler = new SchedulerClient(endpoint);
        scheduler.subscribe(endpoint, frameworkInfo);
        return new SingleAgentCluster(zk, master, agent, scheduler, endpoint);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {scheduler, agent, master, zk}) {
            c.close();
        }
    }
}
