package io.plumbery.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI on the local provider with real nodes: deploy the 3-node example, reach a node over SSH with
 * the command information prints, deploy again (nothing changes), dispose, and nothing of the plan is
 * left on the host. Needs root and systemd-nspawn; skipped with the reason otherwise.
 */
class LocalEndToEndIT {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsRootAndNspawn() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "skipped: the local provider needs root (run as root, as CI does)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-nspawn")),
                "skipped: systemd-nspawn is missing (apt-get install systemd-container)");
    }

    @Test
    void deploySshRedeployDispose() throws Exception {
        Path plan = dir.resolve("cli-local/fittings.yaml");
        Files.createDirectories(plan.getParent());
        Files.writeString(plan, Files.readString(Path.of("../examples/local-3/fittings.yaml"))
                .replace("10.77.3.0", "10.77.31.0")); // not the example's own subnet: a user may run it meanwhile
        List<String> before = hostResources();

        Run deploy = Run.of(plan.toString(), "deploy");
        assertEquals(0, deploy.exit(), deploy.toString());

        Run info = Run.of(plan.toString(), "information", "--json");
        JsonNode doc = new ObjectMapper().readTree(info.out());
        JsonNode node1 = doc.get("blueprints").get(0).get("nodes").get(0);
        assertEquals("RUNNING", node1.get("status").asText());
        assertTrue(node1.get("publicAddress").asText().startsWith("127.77.31."), node1.toString());
        List<String> ssh = new ArrayList<>(List.of(node1.get("ssh").asText().split(" ")));
        ssh.addAll(List.of("-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "hostname; getent hosts node2"));
        Process p = new ProcessBuilder(ssh).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("node1\n") && out.contains("10.77.31.") && out.contains("node2"), out);

        Run again = Run.of(plan.toString(), "deploy");
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains(": 0 changed, "), again.out());

        Run dispose = Run.of(plan.toString(), "dispose", "--yes");
        assertEquals(0, dispose.exit(), dispose.toString());
        assertEquals(before, hostResources(), "nothing of the plan is left on the host");
    }

    /** Bridges, nft tables and nspawn processes on the host (the plan's would be named from it). */
    static List<String> hostResources() throws Exception {
        List<String> out = new ArrayList<>();
        for (String[] command : new String[][]{{"ip", "-br", "link"}, {"nft", "list", "tables"},
                {"pgrep", "-af", "systemd-nspawn"}}) {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.waitFor(10, TimeUnit.SECONDS);
            new String(p.getInputStream().readAllBytes()).lines().filter(l -> l.contains("cli-local")
                    || l.contains("pb-") || l.contains("plumbery_")).map(l -> l.split("\\s+")[0] + " "
                    + (l.contains("cli-local") ? "cli-local" : "")).forEach(out::add);
        }
        out.sort(null);
        return out;
    }
}
