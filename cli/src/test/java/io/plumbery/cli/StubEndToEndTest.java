package io.plumbery.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plumbery.state.State;
import io.plumbery.state.StateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI end to end on jclouds' in-memory stub cloud, with the real 3x9 example plan: deploy,
 * information, deploy again, dispose; a failure half-way and the resume.
 */
class StubEndToEndTest {

    @TempDir
    Path dir;

    /** The example plan under a plan name of its own, so tests sharing the JVM's stub cloud do not meet. */
    Path example(String name) throws Exception {
        Path plan = dir.resolve(name).resolve("fittings.yaml");
        Files.createDirectories(plan.getParent());
        Files.copy(Path.of("../examples/mesos-3x9/fittings.yaml"), plan);
        return plan;
    }

    State state(Path plan, String name) throws Exception {
        return StateStore.peek(plan.getParent().resolve(".plumbery/" + name + ".state.json"), name);
    }

    @Test
    void deployInformationRedeployDispose() throws Exception {
        Path plan = example("e2e");
        Run deploy = Run.of(plan.toString(), "deploy", "-P", "provider=stub", "-P", "image=debian");
        assertEquals(0, deploy.exit(), deploy.toString());
        assertTrue(deploy.out().contains("deploy done in"), deploy.toString());
        State built = state(plan, "e2e");
        assertEquals(12, built.nodes().size());
        assertEquals(12, built.publicAddresses().size());
        assertEquals(1, built.networks().size());
        assertEquals(1, built.firewalls().size());
        assertEquals(3 * 4 + 9, built.firewalls().values().iterator().next().record().rules().size(),
                "one rule per glue port: 3 masters x 22,5050,8080,4400 and 9 agents x 22");
        built.nodes().values().forEach(n -> assertEquals("RUNNING", n.record().status().name()));

        Run info = Run.of(plan.toString(), "information", "-P", "provider=stub", "-P", "image=debian");
        assertEquals(0, info.exit(), info.toString());
        assertTrue(info.out().contains("blueprint masters in local (provider stub)"), info.out());
        String master1Public = built.nodes().get("node.master1").record().publicAddress();
        assertTrue(info.out().contains("Marathon https://" + master1Public + ":8080/"), info.out());

        Run json = Run.of(plan.toString(), "information", "--json", "-P", "provider=stub", "-P", "image=debian");
        assertEquals(0, json.exit(), json.toString());
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertEquals("e2e", doc.get("plan").asText());
        long running = StreamSupport.stream(doc.get("blueprints").spliterator(), false)
                .flatMap(b -> StreamSupport.stream(b.get("nodes").spliterator(), false))
                .filter(n -> n.get("status").asText().equals("RUNNING")).count();
        assertEquals(12, running);
        assertEquals(null, doc.get("blueprints").get(0).get("nodes").get(0).get("cloudConfig"), "only when asked");
        assertEquals(null, doc.get("credentials"), "only when asked");
        assertEquals("admin", doc.get("access").get("principal").asText());
        // over HTTPS, verified against the plan's own authority
        String curl = "  $ curl --cacert " + plan.getParent().resolve(".plumbery/e2e/tls/ca.pem") + " -u admin:\"$ADMIN_SECRET\" ";
        assertTrue(info.out().contains(curl + "https://" + master1Public + ":5050/master/state\n"), info.out());
        assertTrue(info.out().contains(curl + "https://" + master1Public + ":8080/v2/apps\n"), info.out());
        assertTrue(info.out().contains(curl + "https://" + built.nodes().get("node.agent1").record().publicAddress()
                + ":5051/state\n"), info.out());

        Path secretsFile = plan.getParent().resolve(".plumbery/e2e/secrets.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretsFile)));
        JsonNode secrets = new ObjectMapper().readTree(secretsFile.toFile());
        String admin = secrets.get("cluster/admin").asText();
        Run credentials = Run.of(plan.toString(), "information", "--credentials", "--json", "-P", "provider=stub",
                "-P", "image=debian");
        JsonNode shown = new ObjectMapper().readTree(credentials.out()).get("credentials");
        assertEquals(List.of("admin", "marathon", "chronos", "agent", "dns", "plumbery"), StreamSupport.stream(shown.spliterator(),
                false).map(c -> c.get("principal").asText()).toList());
        assertEquals(admin, shown.get(0).get("secret").asText());
        Run only = Run.of(plan.toString(), "information", "--secret", "admin", "-P", "provider=stub", "-P", "image=debian");
        assertEquals(admin + "\n", only.out(), "the secret alone, for a shell variable");
        Run unknown = Run.of(plan.toString(), "information", "--secret", "root", "-P", "provider=stub", "-P", "image=debian");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("no secret of principal 'root'; its principals: admin, marathon, chronos, agent, dns,"
                + " plumbery"), unknown.err());
        for (Run run : List.of(deploy, info, json)) {
            secrets.fields().forEachRemaining(e -> assertFalse(run.out().contains(e.getValue().asText())
                    || run.err().contains(e.getValue().asText()), "no secret in " + run));
        }
        assertFalse(Files.readString(plan.getParent().resolve(".plumbery/e2e.state.json")).contains(admin),
                "never in the state");

        Run withCloudConfig = Run.of(plan.toString(), "information", "--json", "--show-cloud-config", "-P", "provider=stub",
                "-P", "image=debian");
        JsonNode master1 = new ObjectMapper().readTree(withCloudConfig.out()).get("blueprints").get(0).get("nodes").get(0);
        assertEquals("master1: part of the plumbery-j Mesos-style cluster.\nMasters: " + built.nodes().get("node.master1")
                .record().privateAddress() + " " + built.nodes().get("node.master2").record().privateAddress() + " "
                + built.nodes().get("node.master3").record().privateAddress() + "\n",
                master1.get("cloudConfig").get("write_files").get(0).get("content").asText(), master1.toString());
        Run text = Run.of(plan.toString(), "information", "masters", "--show-cloud-config", "-P", "provider=stub",
                "-P", "image=debian");
        assertTrue(text.out().contains("    cloud-config:\n      #cloud-config\n      # plan e2e, node master1: applied by"
                + " plumbery polish with cloud-init, module by module\n      write_files:\n"), text.out());

        Run again = Run.of(plan.toString(), "deploy", "-P", "provider=stub", "-P", "image=debian");
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains(": 0 changed, "), again.out());
        assertEquals(built.nodes(), state(plan, "e2e").nodes(), "a second deploy changes nothing");

        Run planRun = Run.of(plan.toString(), "plan", "-P", "provider=stub", "-P", "image=debian");
        assertTrue(planRun.out().contains("Plan: 0 to create, 0 to update, 0 to replace, 0 to delete, 26 unchanged."), planRun.out());

        Run stop = Run.of(plan.toString(), "stop", "agents", "-P", "provider=stub", "-P", "image=debian");
        assertEquals(0, stop.exit(), stop.toString());
        State stopped = state(plan, "e2e");
        assertEquals("STOPPED", stopped.nodes().get("node.agent3").record().status().name());
        assertEquals("RUNNING", stopped.nodes().get("node.master3").record().status().name(), "only agents stopped");
        Run stoppedInfo = Run.of(plan.toString(), "information", "agents", "-P", "provider=stub", "-P", "image=debian");
        assertTrue(stoppedInfo.out().matches("(?s).*agent3 +STOPPED.*"), stoppedInfo.out());
        Run start = Run.of(plan.toString(), "deploy", "-P", "provider=stub", "-P", "image=debian");
        assertEquals(0, start.exit(), start.toString());
        assertTrue(start.out().contains("deploy done in") && start.out().contains(": 9 changed, 38 unchanged."),
                start.out());
        state(plan, "e2e").nodes().values().forEach(n -> assertEquals("RUNNING", n.record().status().name()));

        Run destroyAgents = Run.of(plan.toString(), "destroy", "agents", "--yes", "-P", "provider=stub", "-P", "image=debian");
        assertEquals(0, destroyAgents.exit(), destroyAgents.toString());
        State mastersOnly = state(plan, "e2e");
        assertEquals(3, mastersOnly.nodes().size());
        assertEquals(1, mastersOnly.networks().size(), "the network stays while masters are on it");

        Run dispose = Run.of(plan.toString(), "dispose", "--yes", "-P", "provider=stub", "-P", "image=debian");
        assertEquals(0, dispose.exit(), dispose.toString());
        assertTrue(state(plan, "e2e").isEmpty());
        assertFalse(Files.exists(plan.getParent().resolve(".plumbery/e2e.state.json")), "state file removed");

        Run planAfter = Run.of(plan.toString(), "plan", "-P", "provider=stub", "-P", "image=debian");
        assertTrue(planAfter.out().contains("Plan: 26 to create"), planAfter.out());
    }

    @Test
    void aFailureHalfWayLeavesAStateTheNextDeployCompletes() throws Exception {
        Path plan = example("flaky");
        FlakyProviderFactory.CREATES.set(0);
        FlakyProviderFactory.failAt = 5;
        Run broken = Run.of(plan.toString(), "deploy", "-P", "provider=flaky", "-P", "image=debian", "--parallel", "2");
        assertEquals(1, broken.exit(), broken.toString());
        assertTrue(broken.err().contains("injected failure creating"), broken.err());
        State half = state(plan, "flaky");
        long pending = half.nodes().values().stream().filter(n -> n.record().status().name().equals("PENDING")).count();
        assertEquals(1, pending, "the failed node stays recorded as intended");
        assertTrue(half.nodes().size() < 12 || pending == 1);

        Run resumed = Run.of(plan.toString(), "deploy", "-P", "provider=flaky", "-P", "image=debian");
        assertEquals(0, resumed.exit(), resumed.toString());
        State done = state(plan, "flaky");
        assertEquals(12, done.nodes().size());
        done.nodes().values().forEach(n -> assertEquals("RUNNING", n.record().status().name()));
        assertEquals(12, done.publicAddresses().size());

        assertEquals(0, Run.of(plan.toString(), "dispose", "--yes", "-P", "provider=flaky", "-P", "image=debian").exit());
        assertTrue(state(plan, "flaky").isEmpty());
    }

    @Test
    void aNodeBuiltWithOtherCpuOrMemoryThanThePlanAsksIsReplaced() throws Exception {
        Path plan = example("drift");
        String[] stub = {"-P", "provider=stub", "-P", "image=debian", "-P", "agents=2"};
        assertEquals(0, run(plan, stub, "deploy").exit());
        State before = state(plan, "drift");
        assertEquals("2 GB", before.nodes().get("node.agent1").spec().get("memory"), "the spec is recorded");

        String[] bigger = cat(stub, "-P", "agentMemory=4");
        Run planned = run(plan, bigger, "plan");
        assertTrue(planned.out().matches("(?s).*-/\\+ node\\.agent1 .*\\[must be replaced: memory 2 GB -> 4 GB].*"),
                planned.out());
        assertTrue(planned.out().contains("~ firewall.local.mesos") && planned.out().contains("rules follow the replaced node(s)"),
                planned.out());
        assertTrue(planned.out().contains("Plan: 0 to create, 1 to update, 4 to replace, 0 to delete, 7 unchanged."),
                planned.out());

        String text = Files.readString(plan);
        Files.writeString(plan, text.replaceFirst("\n---\n", "\n---\nsafeMode: true\n"));
        Run refused = run(plan, bigger, "deploy");
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("node.agent1: safeMode is true: it would be replaced (must be replaced: memory"),
                refused.err());
        assertEquals(before.nodes(), state(plan, "drift").nodes(), "safeMode: nothing touched");
        Files.writeString(plan, text);

        Run replaced = run(plan, bigger, "deploy");
        assertEquals(0, replaced.exit(), replaced.toString());
        assertTrue(replaced.out().contains("node.agent2: replacing node (memory 2 GB -> 4 GB)"), replaced.out());
        State after = state(plan, "drift");
        assertEquals("4 GB", after.nodes().get("node.agent1").spec().get("memory"));
        assertNotEquals(before.nodes().get("node.agent1").record().id(), after.nodes().get("node.agent1").record().id(),
                "a new node");
        assertEquals(before.nodes().get("node.master1").record(), after.nodes().get("node.master1").record(),
                "masters untouched");
        assertTrue(run(plan, bigger, "plan").out().contains("Plan: 0 to create, 0 to update, 0 to replace, 0 to delete, 12 unchanged."));
        assertEquals(0, run(plan, bigger, "dispose", "--yes").exit());
    }

    static String[] cat(String[] head, String... tail) {
        String[] out = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    static Run run(Path plan, String[] parameters, String... action) {
        return Run.of(cat(cat(new String[]{plan.toString()}, action), parameters));
    }
}
