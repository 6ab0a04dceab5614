package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbery.runtime.election.Zk;
import io.plumbery.runtime.marathon.core.Deployment;
import io.plumbery.runtime.marathon.core.DeploymentPlanner;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.GroupDefinition;
import io.plumbery.runtime.marathon.model.GroupSnapshot;
import io.plumbery.runtime.marathon.model.GroupTree;
import io.plumbery.runtime.marathon.model.PathId;
import io.plumbery.runtime.marathon.state.ZkStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/**
 * Deployment plans, groups and event subscriptions in ZooKeeper: what a new leader reads back, including deployments
 * stored before plans had steps.
 */
class ZkStoreDeploymentsIT {

    /** A test of a store over a real ZooKeeper, given the store and its client. */
    interface StoreTest {
        void run(ZkStore store, CuratorFramework client) throws Exception;
    }

    static void onStore(StoreTest test) throws Exception {
        try (TestingServer zk = new TestingServer(TestPorts.freePort(), true)) {
            CuratorFramework client = Zk.client(zk.getConnectString(), 4000);
            client.start();
            try {
                assertThat(client.blockUntilConnected(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                test.run(new ZkStore(client, "/marathon/state"), client);
            } finally {
                Zk.closeQuietly(client, 2000);
            }
        }
    }

    @Test
    void groupsTheirHistoryAndCallbackUrlsRoundTrip() throws Exception {
        onStore((store, client) -> {
            GroupDefinition empty = new GroupDefinition("/prod/empty", List.of("/db"), "2024-01-01T00:00:00.000Z");
            store.saveGroup(empty);
            GroupTree tree = GroupTree.of(List.of(DeploymentPlannerTest.app("/prod/web", 1, "")), List.of(empty));
            store.saveGroupVersion(GroupSnapshot.of(PathId.parse("/prod"), "2024-01-01T00:00:00.000Z", tree));
            store.saveGroupVersion(GroupSnapshot.of(PathId.parse("/prod"), "2024-01-02T00:00:00.000Z",
                    tree.without(PathId.parse("/prod/empty"))));
            store.saveCallbackUrls(List.of("http://127.0.0.1:9/a", "http://127.0.0.1:9/b"));
            assertThat(store.groups()).containsExactly(empty);
            assertThat(store.groupEntries()).containsExactly("/prod");
            assertThat(store.groupVersions("/prod")).extracting(GroupSnapshot::version)
                    .containsExactly("2024-01-01T00:00:00.000Z", "2024-01-02T00:00:00.000Z");
            assertThat(store.groupVersions("/prod").get(0).tree()).isEqualTo(tree);
            assertThat(store.callbackUrls()).containsExactly("http://127.0.0.1:9/a", "http://127.0.0.1:9/b");
            store.deleteGroup("/prod/empty");
            assertThat(store.groups()).isEmpty();
            Deployment withGroups = new Deployment("plan-g", "v", List.of(), 0, Map.of(), Map.of(), Map.of(),
                    Map.of("/prod/empty", empty));
            store.saveDeployment(withGroups);
            assertThat(store.deployments()).containsExactly(withGroups);
        });
    }

    @Test
    void planRoundTripsWithItsStepAndOldSingleAppDeploymentsBecomeOneStepPlans() throws Exception {
        onStore((store, client) -> {
            AppDefinition db = DeploymentPlannerTest.app("/prod/db", 1, "");
            AppDefinition web = DeploymentPlannerTest.app("/prod/web", 2, "\"../db\"");
            Map<String, AppDefinition> targets = DeploymentPlannerTest.byId(db, web);
            Deployment plan = new Deployment("plan-1", "2024-01-01T00:00:00.000Z",
                    DeploymentPlanner.steps(Map.of(), targets, targets.values(), false), 2, Map.of(), targets);
            store.saveDeployment(plan);

            String legacy = "{\"id\":\"old-1\",\"version\":\"v\",\"appId\":\"/prod/db\",\"action\":"
                    + "\"ScaleApplication\",\"original\":{\"id\":\"/prod/db\",\"cmd\":\"x\",\"instances\":1},"
                    + "\"target\":{\"id\":\"/prod/db\",\"cmd\":\"x\",\"instances\":3}}";
            client.create().creatingParentsIfNeeded().forPath("/marathon/state/deployments/old-1",
                    legacy.getBytes(StandardCharsets.UTF_8));

            Map<String, Deployment> read = new java.util.HashMap<>();
            store.deployments().forEach(d -> read.put(d.id(), d));
            assertThat(read.get("plan-1")).isEqualTo(plan);
            assertThat(read.get("plan-1").current().actions()).containsExactly(
                    new Deployment.Action(Deployment.SCALE, "/prod/db"));
            Deployment old = read.get("old-1");
            assertThat(old.steps()).containsExactly(new Deployment.Step(List.of(
                    new Deployment.Action(Deployment.SCALE, "/prod/db"))));
            assertThat(old.currentStep()).isEqualTo(1);
            assertThat(old.targets().get("/prod/db").instances()).isEqualTo(3);
            assertThat(old.originals().get("/prod/db").instances()).isEqualTo(1);
        });
    }
}
