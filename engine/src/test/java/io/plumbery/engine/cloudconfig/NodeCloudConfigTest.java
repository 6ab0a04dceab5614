package io.plumbery.engine.cloudconfig;

import io.plumbery.fittings.load.FittingsLoader;
import io.plumbery.fittings.load.LoadResult;
import io.plumbery.fittings.model.Plan;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeStatus;
import io.plumbery.state.Placed;
import io.plumbery.state.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A node's cloud-config as people see it: merged, resolved where it can be, masked where it must be. */
class NodeCloudConfigTest {

    @TempDir
    Path dir;

    private Plan plan(String nodes) throws Exception {
        Path file = Files.createDirectories(dir.resolve("shop")).resolve("fittings.yaml");
        Files.writeString(file, """
                ---
                information: [cloud-config shown]
                defaults:
                  web-node:
                    cloud-config:
                      packages: [nginx]
                  cloud-config:
                    timezone: Europe/Paris
                ---
                locationId: here
                provider: local
                blueprints:
                  - web:
                      ethernet: {name: web, subnet: 10.77.143.0}
                      nodes:
                """ + nodes.indent(8));
        LoadResult loaded = FittingsLoader.load(file, List.of());
        assertTrue(loaded.ok(), loaded.diagnostics().toString());
        return loaded.plan().orElseThrow();
    }

    private static State built(String... nodes) {
        State state = State.empty("shop");
        for (int i = 0; i < nodes.length; i++) {
            state = state.withNode("node." + nodes[i], new Placed<>("local", "here", new NodeRecord("id" + i, nodes[i],
                    "web", NodeStatus.RUNNING, "10.77.143." + (10 + i), null, null, Map.of())));
        }
        return state;
    }

    @Test
    void defaultsProfileAndNodeMergedWithTheAddressesOfBuiltNodesAndPlaceholdersForTheOthers() throws Exception {
        Plan plan = plan("""
                - web1:
                    default: web-node
                    cloud-config:
                      write_files:
                        - path: /etc/peers
                          content: "{{ web2.private }} {{ db1.private }} {{ node.public }}"
                - web2:
                - db1:
                """);

        ShownCloudConfig shown = NodeCloudConfig.shown(plan, plan.node("web1").orElseThrow(), built("web1", "web2"), null);

        assertEquals(Map.of("timezone", "Europe/Paris", "packages", List.of("nginx"), "write_files",
                List.of(Map.of("path", "/etc/peers", "content", "10.77.143.11 (db1.private after build) (web1.public after build)"))),
                shown.content());
        assertEquals(List.of("write_files", "timezone", "package_update_upgrade_install"), shown.modules());
        assertTrue(shown.text().startsWith("#cloud-config\n# plan shop, node web1: applied by plumbery polish"), shown.text());
    }

    @Test
    void secretsPasswordsAndPrivateKeysAreMaskedAndNoSecretIsMade() throws Exception {
        Plan plan = plan("""
                - db1:
                    cloud-config:
                      users:
                        - name: app
                          passwd: "$6$rounds=4096$abc"
                          hashed_passwd: "$6$xyz"
                          plain_text_passwd: "{{ app.secret }}"
                      chpasswd:
                        list: "app:hunter2"
                        expire: false
                      ssh_keys:
                        ed25519_private: "-----BEGIN OPENSSH PRIVATE KEY-----"
                        ed25519_public: "ssh-ed25519 AAAA host"
                      write_files:
                        - path: /etc/db.env
                          content: "DB_PASSWORD={{ db.secret }} KEY={{ key.public }}"
                        - path: /root/.ssh/id_rsa
                          content: "-----BEGIN RSA PRIVATE KEY-----\\nMIIE\\n-----END RSA PRIVATE KEY-----\\n"
                """);

        ShownCloudConfig shown = NodeCloudConfig.shown(plan, plan.node("db1").orElseThrow(), State.empty("shop"), null);

        String text = shown.text();
        for (String secret : List.of("$6$", "hunter2", "BEGIN OPENSSH", "MIIE")) {
            assertFalse(text.contains(secret), secret + " shown in\n" + text);
        }
        assertEquals(Map.of("name", "app", "passwd", "(secret)", "hashed_passwd", "(secret)", "plain_text_passwd", "(secret)"),
                ((List<?>) shown.content().get("users")).get(0));
        assertEquals(Map.of("list", "(secret)", "expire", false), shown.content().get("chpasswd"));
        assertEquals(Map.of("ed25519_private", "(secret)", "ed25519_public", "ssh-ed25519 AAAA host"), shown.content().get("ssh_keys"));
        assertTrue(text.contains("DB_PASSWORD=(secret) KEY=(key.public after build)"), text);
        assertTrue(text.contains("content: (secret)"), text);
        assertEquals(false, shown.content().get("ssh_deletekeys"), "as applied: the ssh module runs for ssh_keys");
        assertFalse(Files.exists(dir.resolve("shop/.plumbery")), "nothing made: no secret, no key");
    }

    @Test
    void polishWarnsAboutTheLoginUserAndKeysItDoesNotApplyAndRefusesPackagesOnOfflineNodes() throws Exception {
        Plan plan = plan("""
                - web1:
                    default: web-node
                    cloud-config:
                      users: [default, {name: plumbery-admin, sudo: false}]
                      power_state: {mode: reboot}
                """);

        ShownCloudConfig shown = NodeCloudConfig.shown(plan, plan.node("web1").orElseThrow(), State.empty("shop"), null);

        assertEquals(2, shown.warnings().size(), shown.warnings().toString());
        assertTrue(shown.warnings().get(0).startsWith("its cloud-config redefines the login user 'plumbery-admin'"));
        assertEquals("its cloud-config keys power_state are not applied: polish runs no cloud-init module that reads them",
                shown.warnings().get(1));
        assertEquals("the cloud-config of web1 installs packages (nginx), but nodes of provider offline reach neither the"
                + " internet nor a package proxy: remove 'packages:' for this provider, or put what it needs in the"
                + " image", OfflinePackages.refusal("web1", "offline", false, shown.document()).orElseThrow());
        assertTrue(OfflinePackages.refusal("web1", "local", true, shown.document()).isEmpty(),
                "nodes with a package proxy install them");
    }
}
