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
 * The plan's cloud-config applied by polish on two real nodes of the local provider, by cloud-init itself: a file
 * naming the other node's address, a runcmd marker, a user with a key, a Debian package (through the proxy); a second polish changes nothing; a change
 * of one node's file re-applies that node only; a runcmd that fails fails its node with the module's message and
 * the output's last lines. Needs root and systemd-nspawn; skipped with the reason otherwise.
 */
class CloudConfigLocalIT {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsRootAndNspawn() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "skipped: the local provider needs root (run as root, as CI does)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-nspawn")),
                "skipped: systemd-nspawn is missing (apt-get install systemd-container)");
    }

    private static String plan(String aliceKey, String cc1Peer, String cc2Runcmd) {
        return """
                ---
                information: ["the plan's cloud-config, applied by polish"]
                defaults:
                  cloud-config:
                    bootcmd:
                      - echo boot >> /var/tmp/boots
                    runcmd:
                      - echo "{{ node.name }} ran runcmd" > /var/tmp/marker
                    users:
                      - default
                      - name: alice
                        shell: /bin/bash
                        ssh_authorized_keys: ["%s"]
                ---
                locationId: local
                provider: local
                blueprints:
                  - cc:
                      ethernet: {name: cc, subnet: 10.77.144.0}
                      nodes:
                        - cc1:
                            cloud-config:
                              write_files:
                                - {path: /etc/peer, content: "%s"}
                        - cc2:
                            cloud-config:
                              write_files:
                                - {path: /etc/peer, content: "{{ cc1.private }}"}
                              packages: [hello]
                              runcmd: %s
                """.formatted(aliceKey, cc1Peer, cc2Runcmd);
    }

    @Test
    void polishAppliesEachNodesCloudConfigOnceAndAgainWhereItChanged() throws Exception {
        Path alice = dir.resolve("alice_ed25519");
        assertEquals(0, new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "alice", "-f",
                alice.toString()).start().waitFor());
        String aliceKey = Files.readString(dir.resolve("alice_ed25519.pub")).strip();
        Path plan = Files.createDirectories(dir.resolve("cc-local")).resolve("fittings.yaml");
        Files.writeString(plan, plan(aliceKey, "{{ cc2.private }}", "[]"));
        List<String> before = LocalEndToEndIT.hostResources();
        try {
            Run build = Run.of(plan.toString(), "build");
            assertEquals(0, build.exit(), build.toString());

            long started = System.nanoTime();
            Run first = Run.of(plan.toString(), "polish");
            long firstMs = (System.nanoTime() - started) / 1_000_000;
            assertEquals(0, first.exit(), first.toString());
            assertTrue(first.out().contains("node.cc1: cloud-config (applied: bootcmd, write_files, users_groups, runcmd, scripts_user)"),
                    first.out());

            JsonNode nodes = new ObjectMapper().readTree(Run.of(plan.toString(), "information", "--json").out())
                    .get("blueprints").get(0).get("nodes");
            String cc1 = nodes.get(0).get("privateAddress").asText();
            String cc2 = nodes.get(1).get("privateAddress").asText();
            String ssh1 = nodes.get(0).get("ssh").asText();
            assertEquals(cc2 + "|cc1 ran runcmd|alice", ssh(ssh1, "echo \"$(cat /etc/peer)|$(cat /var/tmp/marker)|$(id -un alice)\""));
            assertEquals(cc1 + "|cc2 ran runcmd", ssh(nodes.get(1).get("ssh").asText(), "echo \"$(cat /etc/peer)|$(cat /var/tmp/marker)\""));
            assertEquals("Hello, world!", ssh(nodes.get(1).get("ssh").asText(), "hello"),
                    "a Debian package installed through the host's package proxy");
            String asAlice = ssh1.replaceFirst("-i \\S+", "-i " + alice).replace("plumbery-admin@", "alice@");
            assertEquals("alice", ssh(asAlice, "whoami"), "alice's key lets her in");

            // bootcmd ran when applied, and runs again at each boot, as cloud-init documents it
            assertEquals("1", ssh(ssh1, "wc -l < /var/tmp/boots"));
            assertEquals(0, Run.of(plan.toString(), "stop").exit());
            Run restarted = Run.of(plan.toString(), "start");
            assertEquals(0, restarted.exit(), restarted.toString());
            assertEquals("2", ssh(ssh1, "wc -l < /var/tmp/boots"));

            started = System.nanoTime();
            Run second = Run.of(plan.toString(), "polish");
            long secondMs = (System.nanoTime() - started) / 1_000_000;
            assertTrue(second.out().contains(": 0 changed, 2 unchanged."), second.toString());
            assertTrue(second.out().contains("node.cc1: cloud-config (unchanged)"), second.out());
            System.out.printf("cloud-config polish of 2 nodes: first %d ms, second %d ms%n", firstMs, secondMs);

            Files.writeString(plan, plan(aliceKey, "peer {{ cc2.private }}", "[]"));
            Run changed = Run.of(plan.toString(), "polish");
            assertTrue(changed.out().contains("node.cc1: cloud-config (applied: bootcmd, write_files, users_groups, runcmd, scripts_user)")
                    && changed.out().contains("node.cc2: cloud-config (unchanged)"), changed.toString());
            assertEquals("peer " + cc2, ssh(ssh1, "cat /etc/peer"));

            Files.writeString(plan, plan(aliceKey, "peer {{ cc2.private }}", "['echo about to fail', 'exit 3']"));
            Run failing = Run.of(plan.toString(), "polish");
            assertEquals(1, failing.exit(), failing.toString());
            assertTrue(failing.err().contains("  node.cc2: cc2: cloud-config: cloud-init module scripts_user (runcmd) failed"
                    + " (exit 1): RuntimeError: Runparts: 1 failures (runcmd) in 1 attempted commands"), failing.err());
            assertTrue(failing.err().contains("Exit code: 3") && failing.err().contains("last lines of its output:\n")
                    && failing.err().contains("    about to fail\n"), failing.err());
        } finally {
            Run dispose = Run.of(plan.toString(), "dispose", "--yes");
            assertEquals(0, dispose.exit(), dispose.toString());
        }
        assertEquals(before, LocalEndToEndIT.hostResources(), "nothing of the plan is left on the host");
    }

    /** Runs {@code command} through the ssh command {@code information} printed; its output, stripped. */
    private static String ssh(String sshCommand, String command) throws Exception {
        List<String> args = new ArrayList<>(List.of(sshCommand.split(" ")));
        args.addAll(List.of("-o", "BatchMode=yes", "-o", "ConnectTimeout=5", command));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "ssh " + command);
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
