package io.plumbery.cli;

import io.plumbery.state.StateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exit codes and messages of the command line, without building anything. */
class CommandLineTest {

    @TempDir
    Path dir;

    Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    static final String SMALL = """
            ---
            parameters:
              size: {type: "[1..8]", default: 1}
            ---
            provider: stub
            blueprints:
              - web:
                  ethernet: {name: net, subnet: 10.77.5.0}
                  nodes:
                    - web[1..2]: {cpu: "{{ parameter.size }}", appliance: debian}
              - db:
                  ethernet: {name: net, subnet: 10.77.5.0}
                  nodes:
                    - db1: {appliance: debian}
            """;

    @Test
    void badPlanPrintsEveryErrorWithItsPositionAndExitsTwo() throws Exception {
        Path plan = write("bad/fittings.yaml", """
                ---
                information: [x]
                ---
                blueprints:
                  - web:
                      ethernet: {name: net, subnet: 10.77.1.0}
                      nodes:
                        - web1: {cpus: 2, glue: [internet 99999]}
                """);
        Run run = Run.of(plan.toString(), "deploy");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains(plan + ":8:18: error: unknown key 'cpus' in node 'web1' (did you mean 'cpu'?)"), run.err());
        assertTrue(run.err().contains(plan + ":8:34: error: bad port '99999'"), run.err());
        assertTrue(run.err().contains("2 errors in the plan; nothing was done."), run.err());
        assertFalse(Files.exists(plan.getParent().resolve(".plumbery")), "nothing is created for a bad plan");
    }

    @Test
    void missingPlanFileIsAUsageError() {
        Run run = Run.of(dir.resolve("nope.yaml").toString(), "plan");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("nope.yaml:1:1: error: cannot read plan: no such file"), run.err());
    }

    @Test
    void planShowsANodesCloudConfigAsPolishAppliesItMaskedAndWithNodesNotBuiltYetNamed() throws Exception {
        Path plan = write("shown/fittings.yaml", SMALL.replace("- db1: {appliance: debian}", """
                - db1:
                                appliance: debian
                                cloud-config:
                                  write_files:
                                    - {path: /etc/web, content: "{{ web1.private }} {{ db.secret }}"}
                                  runcmd: [touch /root/marker]
                                  users: [default, {name: plumbery-admin, passwd: "$6$abc"}]"""));

        Run run = Run.of(plan.toString(), "plan", "--show-cloud-config", "db1");

        assertEquals(0, run.exit(), run.toString());
        assertEquals("""
                #cloud-config
                # plan shown, node db1: applied by plumbery polish with cloud-init, module by module
                write_files:
                  - path: /etc/web
                    content: (web1.private after build) (secret)
                runcmd:
                  - touch /root/marker
                users:
                  - default
                  - name: plumbery-admin
                    passwd: (secret)
                # polish applies it with these cloud-init modules, in this order: write_files, users_groups, runcmd, scripts_user
                # secrets read (secret); addresses of nodes not built yet read (NODE.private after build)
                # warning: its cloud-config redefines the login user 'plumbery-admin' under 'users': polish logs in as \
                that user, so keep the plan's key and password-less sudo for it, or polish is locked out
                """, run.out());
        assertFalse(Files.exists(plan.getParent().resolve(".plumbery")), "a read: no state, key or secret made");

        Run unknown = Run.of(plan.toString(), "plan", "--show-cloud-config", "db2");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("error: no node named 'db2' in " + plan + "; nodes: web1, web2, db1"), unknown.err());
    }

    @Test
    void unknownBlueprintIsNamed() throws Exception {
        Path plan = write("small/fittings.yaml", SMALL);
        Run run = Run.of(plan.toString(), "plan", "wbe");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("no blueprint named wbe"), run.err());
        assertTrue(run.err().contains("blueprints: web, db"), run.err());
    }

    @Test
    void selectionLimitsThePlan() throws Exception {
        Path plan = write("small/fittings.yaml", SMALL);
        Run run = Run.of(plan.toString(), "plan", "db");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("node.db1"), run.out());
        assertFalse(run.out().contains("node.web1"), run.out());
    }

    @Test
    void parametersFromCommandLineWinOverFileWhichWinsOverDefaults() throws Exception {
        Path plan = write("small/fittings.yaml", SMALL);
        Path params = write("params.yaml", "parameters:\n  size: 4\n");
        assertTrue(cpuOfWeb1(Run.of(plan.toString(), "plan")).equals("1"));
        assertTrue(cpuOfWeb1(Run.of(plan.toString(), "plan", "--parameters", params.toString())).equals("4"));
        Run both = Run.of(plan.toString(), "plan", "--parameters", params.toString(), "-P", "size=8");
        assertEquals("8", cpuOfWeb1(both), both.out());
        Run out = Run.of(plan.toString(), "plan", "-P", "size=9");
        assertEquals(2, out.exit());
        assertTrue(out.err().contains("-P size=9: parameter 'size' is 9; it must be between 1 and 8"), out.err());
        Run typo = Run.of(plan.toString(), "plan", "-P", "sise=2");
        assertTrue(typo.err().contains("the plan declares no parameter 'sise' (did you mean 'size'?)"), typo.err());
    }

    @Test
    void aParameterValueReadFromAFileKeepsItOffTheCommandLine() throws Exception {
        Path plan = write("small/fittings.yaml", SMALL);
        Path value = write("secret size", "6\n");
        Run run = Run.of(plan.toString(), "plan", "-P", "size=@" + value);
        assertEquals("6", cpuOfWeb1(run), run.toString());
        Run typo = Run.of(plan.toString(), "plan", "-P", "sise=@" + value);
        assertTrue(typo.err().contains("-P sise=@" + value + ": the plan declares no parameter 'sise'"), typo.err());
    }

    static String cpuOfWeb1(Run run) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("node\\.web1 +(\\d+) cpu").matcher(run.out());
        return m.find() ? m.group(1) : "none in " + run;
    }

    @Test
    void aSecondProcessOnTheSameStateFailsFast() throws Exception {
        Path plan = write("locked/fittings.yaml", SMALL);
        try (StateStore held = StateStore.open(plan.getParent().resolve(".plumbery/locked.state.json"), "locked")) {
            Run run = Run.of(plan.toString(), "deploy");
            assertEquals(1, run.exit());
            assertTrue(run.err().contains("locked by another plumbery process (pid "), run.err());
            assertTrue(held.current().isEmpty());
        }
    }

    @Test
    void safeModeRefusesDestructiveActions() throws Exception {
        Path plan = write("safe/fittings.yaml", SMALL.replace("---\nparameters:", "---\nsafeMode: true\nparameters:"));
        for (String action : new String[]{"dispose", "destroy", "stop", "refresh"}) {
            Run run = Run.of(plan.toString(), action, "-q");
            assertEquals(2, run.exit(), action + ": " + run);
            assertTrue(run.err().contains("safeMode is true"), run.err());
        }
    }

    @Test
    void whatThePlanNoLongerHasIsDeletedByTheNextDeploy() throws Exception {
        Path plan = write("shrink/fittings.yaml", SMALL);
        assertEquals(0, Run.of(plan.toString(), "deploy", "-q").exit());
        Files.writeString(plan, SMALL.replace("""
                      - db:
                          ethernet: {name: net, subnet: 10.77.5.0}
                          nodes:
                            - db1: {appliance: debian}
                    """, ""));
        Run planned = Run.of(plan.toString(), "plan");
        assertTrue(planned.out().matches("(?s).*- node\\.db1 +no longer in the plan.*"), planned.out());
        assertTrue(planned.out().contains("Plan: 0 to create, 0 to update, 0 to replace, 1 to delete, 4 unchanged."), planned.out());
        Run deploy = Run.of(plan.toString(), "deploy");
        assertEquals(0, deploy.exit(), deploy.toString());
        var state = StateStore.peek(plan.getParent().resolve(".plumbery/shrink.state.json"), "shrink");
        assertEquals(java.util.Set.of("node.web1", "node.web2"), state.nodes().keySet());
        assertEquals(0, Run.of(plan.toString(), "dispose", "--yes", "-q").exit());
    }

    @Test
    void limitsTheHostCannotEnforceAreSaidOnce() throws Exception {
        Path plan = write("limits/fittings.yaml", SMALL);
        try (StateStore store = StateStore.open(plan.getParent().resolve(".plumbery/limits.state.json"), "limits")) {
            var state = store.current();
            for (String name : new String[]{"web1", "web2"}) {
                state = state.withNode("node." + name, new io.plumbery.state.Placed<>("stub", "facility-1",
                        new io.plumbery.providers.NodeRecord("id-" + name, name, "net",
                                io.plumbery.providers.NodeStatus.RUNNING, "10.77.5.2", null, null,
                                java.util.Map.of("limits", "not enforced (cgroup v2 host: controllers are not delegated to plumbery)"))));
            }
            store.save(state);
        }
        Run info = Run.of(plan.toString(), "information", "--offline");
        assertEquals(0, info.exit(), info.toString());
        String note = "note: cpu and memory of the plan are recorded but not enforced (cgroup v2 host: controllers are "
                + "not delegated to plumbery)";
        assertEquals(1, info.out().lines().filter(note::equals).count(), info.out());
    }

    @Test
    void helpTeachesOnEveryLevel() {
        Run root = Run.of("--help");
        assertEquals(0, root.exit());
        assertTrue(root.out().contains("FITTINGS ACTION [BLUEPRINT...]"), root.out());
        assertTrue(root.out().contains("Exit codes: 0 done, 1 the action failed, 2 bad command line"), root.out());
        Run deploy = Run.of("fittings.yaml", "deploy", "--help");
        assertEquals(0, deploy.exit());
        assertTrue(deploy.out().contains("Idempotent"), deploy.out());
        assertTrue(Run.of("--version").out().startsWith("plumbery "));
    }

    @Test
    void missingActionIsAUsageError() {
        Run run = Run.of("fittings.yaml");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("Missing required subcommand"), run.err());
    }
}
