package io.plumbery.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.plumbery.bootstrap.model.ClusterCredentials;
import io.plumbery.engine.cluster.ClusterHttp;
import io.plumbery.engine.cluster.ClusterStatus;
import io.plumbery.engine.cluster.LeaderOperator;
import io.plumbery.engine.cluster.RoleSettings;
import io.plumbery.fittings.model.ClusterRole;
import io.plumbery.fittings.model.Plan;
import io.plumbery.runtime.agent.AgentConfig;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.http.Credentials;
import io.plumbery.runtime.master.MasterAuth;
import io.plumbery.runtime.master.MasterConfig;
import io.plumbery.runtime.master.MasterServer;
import io.plumbery.runtime.protocol.ResourceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plan's roles set on a real master of the cluster runtime on loopback (with an agent, so that guarantees fit),
 * which asks for the admin's credentials on its operator API as the deployed masters do: deploy's step sets weights
 * and quota, a second run changes nothing, a role dropped from the plan is reset, the operator's own roles are left
 * alone, and {@code plan} shows the same changes against what was set last.
 */
class ClusterRolesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ClusterCredentials.Principal ADMIN = new ClusterCredentials.Principal("admin", "admin-secret");

    @TempDir
    Path dir;
    private MasterServer master;
    private AgentServer agent;
    private String url;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @BeforeEach
    void cluster() throws Exception {
        MasterAuth auth = new MasterAuth(Credentials.of(new Credential(ADMIN.name(), ADMIN.secret())), true, true,
                false, false);
        master = new MasterServer(MasterConfig.defaults("127.0.0.1", 0, null, dir.resolve("master")), java.util.Set.of(),
                auth);
        master.start();
        waitFor(master::isLeader, "the master leads");
        url = "http://127.0.0.1:" + master.port() + "/";
        agent = new AgentServer(AgentConfig.of("127.0.0.2", 0, "127.0.0.1:" + master.port(),
                ResourceSpec.parseResources("cpus:4;mem:4096;disk:1000"), dir.resolve("agent")));
        agent.start();
        waitFor(agent::isRegistered, "the agent registers");
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
        master.close();
    }

    private Plan plan(String roles) throws Exception {
        return Plans.read(dir, """
                ---
                information: [a cluster shared by roles]
                cluster:
                  roles:
                %s
                ---
                locationId: here
                provider: local
                blueprints:
                  - cluster:
                      ethernet: {name: control, subnet: 10.77.92.0}
                      nodes:
                        - master1: {roles: [mesos-master]}
                        - agent1: {roles: [mesos-agent]}
                """.formatted(roles.indent(4).stripTrailing()));
    }

    private static final String TWO_ROLES = """
            - name: analytics
              weight: 2
              quota: {guarantee: {cpus: 2, mem: 1024}, limit: {cpus: 4, mem: 4096}}
            - name: batch
              weight: 0.5""";

    @Test
    void deploySetsTheRolesThenChangesNothingThenResetsWhatThePlanDrops() throws Exception {
        Plan plan = plan(TWO_ROLES);
        Path workspace = dir.resolve("workspace");
        assertEquals(List.of("+ role.analytics weight 2, guarantee cpus:2 mem:1024, limit cpus:4 mem:4096",
                "+ role.batch weight 0.5, no quota"), preview(plan, workspace));

        Outcome first = ClusterRoles.apply(plan, workspace, settings(ADMIN), progress());
        assertEquals(new Outcome(2, 0, List.of()), first);
        assertEquals(List.of("role.analytics set", "role.batch set"), lines);
        Map<String, ClusterRole> live = settings(ADMIN).current();
        assertEquals(new ClusterRole("analytics", 2, Map.of("cpus", 2.0, "mem", 1024.0),
                Map.of("cpus", 4.0, "mem", 4096.0)), live.get("analytics"));
        assertEquals(0.5, live.get("batch").weight());

        lines.clear();
        assertEquals(new Outcome(0, 2, List.of()), ClusterRoles.apply(plan, workspace, settings(ADMIN), progress()));
        assertEquals(List.of("roles unchanged"), lines, "a second deploy changes nothing and says so");
        assertEquals(List.of("  role.analytics weight 2, guarantee cpus:2 mem:1024, limit cpus:4 mem:4096",
                "  role.batch weight 0.5, no quota"), preview(plan, workspace));

        operator("""
                {"type": "UPDATE_WEIGHTS", "update_weights": {"weight_infos": [{"role": "ops", "weight": 3}]}}""");
        Plan fewer = plan("""
                - name: batch
                  weight: 1.5""");
        assertEquals(List.of("~ role.batch weight 1.5, no quota [weight 0.5 -> 1.5]",
                "- role.analytics weight 2, guarantee cpus:2 mem:1024, limit cpus:4 mem:4096"
                        + " [no longer in the plan: back to weight 1, no quota]"), preview(fewer, workspace));
        lines.clear();
        assertEquals(new Outcome(2, 0, List.of()), ClusterRoles.apply(fewer, workspace, settings(ADMIN), progress()));
        assertEquals(List.of("role.batch updated", "role.analytics reset"), lines);
        live = settings(ADMIN).current();
        assertEquals(1.0, live.get("analytics").weight());
        assertFalse(live.get("analytics").hasQuota(), "its quota removed");
        assertEquals(1.5, live.get("batch").weight());
        assertEquals(3.0, live.get("ops").weight(), "a role the plan never set is the operator's own");
    }

    @Test
    void aRoleChangedThroughTheOperatorApiIsSetBackAndTheMastersRefusalIsSaid() throws Exception {
        Plan plan = plan(TWO_ROLES);
        Path workspace = dir.resolve("workspace");
        ClusterRoles.apply(plan, workspace, settings(ADMIN), progress());
        operator("""
                {"type": "UPDATE_WEIGHTS", "update_weights": {"weight_infos": [{"role": "batch", "weight": 4}]}}""");
        lines.clear();
        assertEquals(new Outcome(1, 1, List.of()), ClusterRoles.apply(plan, workspace, settings(ADMIN), progress()));
        assertEquals(0.5, settings(ADMIN).current().get("batch").weight(), "drift is set back");

        Plan tooBig = plan("""
                - name: analytics
                  quota: {guarantee: {cpus: 64}}""");
        Outcome refused = ClusterRoles.apply(tooBig, workspace, settings(ADMIN), progress());
        assertFalse(refused.ok());
        assertTrue(refused.failures().get(0).reason().contains("exceed cluster capacity"), refused.toString());
        Outcome noAdmin = ClusterRoles.apply(plan, workspace, settings(null), progress());
        assertTrue(noAdmin.failures().get(0).reason().contains("401"), noAdmin.toString());
    }

    @Test
    void theMastersRolesShowWeightQuotaAndAllocation() throws Exception {
        ClusterRoles.apply(plan(TWO_ROLES), dir.resolve("workspace"), settings(ADMIN), progress());
        ClusterStatus.RoleStatus analytics = settings(ADMIN).status().stream()
                .filter(r -> r.name().equals("analytics")).findFirst().orElseThrow();
        assertEquals(new ClusterStatus.RoleStatus("analytics", 2, Map.of("cpus", 2.0, "mem", 1024.0),
                Map.of("cpus", 4.0, "mem", 4096.0), Map.of(), List.of()), analytics);
    }

    private List<String> preview(Plan plan, Path workspace) {
        return ClusterRoles.preview(plan, workspace).stream().map(p -> p.change().action().symbol() + " "
                + p.change().address() + " " + p.change().summary()
                + (p.change().reason() == null ? "" : " [" + p.change().reason() + "]")).toList();
    }

    private RoleSettings settings(ClusterCredentials.Principal principal) {
        return new RoleSettings(new LeaderOperator(new ClusterHttp(principal, HttpClient.newBuilder()), List.of(url)));
    }

    private void operator(String call) throws Exception {
        new LeaderOperator(new ClusterHttp(ADMIN, HttpClient.newBuilder()), List.of(url))
                .change((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(call));
    }

    private Progress progress() {
        return new Progress() {
            @Override
            public void started(String subject, String step) {
                lines.add(subject + " " + step);
            }

            @Override
            public void finished(String subject, String step, String detail) {
                lines.add(subject + " " + step);
            }

            @Override
            public void failed(String subject, String step, String reason) {
                lines.add(subject + " failed " + reason);
            }

            @Override
            public void note(String message) {
                lines.add(message);
            }
        };
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(50);
        }
    }
}
