package io.plumbery.bootstrap.flow;

import io.plumbery.bootstrap.Fixtures;
import io.plumbery.bootstrap.model.BootstrapNode;
import io.plumbery.bootstrap.model.BootstrapPlan;
import io.plumbery.bootstrap.model.Role;
import io.plumbery.bootstrap.model.RuntimeSettings;
import io.plumbery.node.ssh.SshEndpoint;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.node.ssh.SshKeys;
import io.plumbery.node.ssh.TestSshServer;
import io.plumbery.node.wait.Backoff;
import io.plumbery.node.wait.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The whole bootstrap over real SSH: one Apache MINA SSHD per node on 127.0.0.1, commands really run by
 * bash in the node's directory, with test stand-ins for sudo, systemctl, journalctl, cloud-init, curl and
 * useradd first on the PATH (src/test/resources/fakebin). ZooKeeper's health check really connects to a
 * loopback port.
 */
class BootstrapperIT {
    private static final List<String> FAKES = List.of("sudo", "systemctl", "journalctl", "cloud-init", "curl", "useradd",
            "install");

    @TempDir
    Path temp;
    private SshIdentity identity;
    private final Map<String, TestSshServer> servers = new LinkedHashMap<>();
    private ServerSocket zookeeperPort;
    private Path runtimeJar;
    private Bootstrapper bootstrapper;
    private final Queue<Progress> progress = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void setUp() throws IOException {
        identity = SshKeys.ensure(temp.resolve("state/keys"), "ops");
        Path fakeBin = Files.createDirectories(temp.resolve("fakebin"));
        for (String fake : FAKES) {
            try (InputStream in = getClass().getResourceAsStream("/fakebin/" + fake)) {
                Files.write(fakeBin.resolve(fake), in.readAllBytes());
            }
            Files.setPosixFilePermissions(fakeBin.resolve(fake), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (String name : List.of("master1", "node1", "node2", "node3")) {
            Path root = Files.createDirectories(temp.resolve("nodes").resolve(name));
            servers.put(name, TestSshServer.start(0, TestSshServer.newHostKey(), identity, root, fakeBin));
        }
        zookeeperPort = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        runtimeJar = temp.resolve("plumbery-cluster-runtime.jar");
        byte[] jar = new byte[300_000];
        new Random(42).nextBytes(jar);
        Files.write(runtimeJar, jar);

        bootstrapper = bootstrapper(settings());
    }

    private BootstrapSettings settings() {
        return BootstrapSettings.defaults()
                .withParallel(2)
                .withRemoteRoot(temp.resolve("nodes") + "/{node}")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(50))
                .withConnectRetry(Wait.upTo(3, Duration.ofSeconds(10))
                        .pausing(Backoff.exponential(Duration.ofMillis(50), 2, Duration.ofMillis(100))));
    }

    private Bootstrapper bootstrapper(BootstrapSettings settings) {
        RuntimeSettings runtime = RuntimeSettings.defaults().withZookeeperClientPort(zookeeperPort.getLocalPort());
        return Bootstrapper.create(identity, temp.resolve("state/known_hosts"), runtime, settings);
    }

    @AfterEach
    void tearDown() throws IOException {
        for (TestSshServer server : servers.values()) {
            server.close();
        }
        zookeeperPort.close();
    }

    private BootstrapPlan plan(List<String> names) {
        return plan(names, Map.of());
    }

    /** The nodes named, each with its cloud-config from {@code cloudConfigs} (none when it is not there). */
    private BootstrapPlan plan(List<String> names, Map<String, Map<String, Object>> cloudConfigs) {
        List<BootstrapNode> nodes = new ArrayList<>();
        for (String name : names) {
            String role = name.startsWith("master") ? "mesos-master" : "mesos-agent";
            nodes.add(new BootstrapNode(name, Role.fromPlanRole(role), "127.0.0.1", null,
                    new SshEndpoint("127.0.0.1", servers.get(name).port(), "ops", null),
                    cloudConfigs.getOrDefault(name, Map.of()), 2, 2048));
        }
        return new BootstrapPlan("it", nodes, Map.of(), runtimeJar, Fixtures.CREDENTIALS);
    }

    /** The {@code cloud-init ... single} calls a node got, each as its module name, in order. */
    private List<String> modulesRun(String calls) {
        return calls.lines().filter(l -> l.contains(" single --name "))
                .map(l -> l.replaceFirst(".* single --name (\\S+) --frequency always$", "$1")).toList();
    }

    private Path onNode(String node, String path) {
        return Path.of(temp.resolve("nodes").resolve(node) + path);
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private String calls(String node) throws IOException {
        Path log = temp.resolve("nodes").resolve(node).resolve("calls.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Most nodes between their first phase-one event and their start-units end at any time. */
    private int maxNodesInPhaseOne() {
        int current = 0;
        int max = 0;
        for (Progress p : progress) {
            if (p.step() == Step.RENDER && p.status() == Progress.Status.STARTED) {
                max = Math.max(max, ++current);
            } else if (p.step() == Step.START_UNITS && p.status() == Progress.Status.DONE) {
                current--;
            }
        }
        return max;
    }

    private BootstrapReport run(BootstrapPlan plan) {
        progress.clear();
        return bootstrapper.bootstrap(plan, progress::add);
    }

    @Test
    void firstRunConfiguresEveryNodeAndASecondRunChangesNothing() throws IOException {
        BootstrapPlan plan = plan(List.of("master1", "node1", "node2"));
        Files.createDirectories(onNode("master1", "/etc"));
        Files.writeString(onNode("master1", "/etc/hosts"), "127.0.0.1 localhost\n10.9.9.9 printer\n");
        Files.writeString(onNode("master1", "/etc/resolv.conf"), "search example.org\nnameserver 10.9.9.53\n");

        BootstrapReport first = run(plan);
        if (Boolean.getBoolean("progress.print")) progress.forEach(p -> System.out.println(p.toLine()));

        assertTrue(first.succeeded(), () -> String.join("\n", first.failures().stream().map(NodeFailure::describe).toList()));
        assertFalse(first.unchanged());
        NodeReport master = first.node("master1").orElseThrow();
        assertEquals(30, master.files().size(), "runtime jar + hosts + sshd + 5 units, 5 env files, zoo.cfg, myid,"
                + " the master's ACLs, 12 secret files + /etc/hosts, /etc/resolv.conf, Mesos-DNS's upstream");
        assertEquals("# BEGIN plumbery\nnameserver 127.0.0.1\n# END plumbery\nsearch example.org\nnameserver 10.9.9.53\n",
                Files.readString(onNode("master1", "/etc/resolv.conf")), "the masters first, the node's own after");
        assertEquals("DNS_RESOLVERS=10.9.9.53\n", Files.readString(onNode("master1", "/etc/plumbery/mesos-dns.resolvers.env")),
                "Mesos-DNS forwards other names to the node's own resolvers");
        assertEquals("# BEGIN plumbery\nnameserver 127.0.0.1\n# END plumbery\n",
                Files.readString(onNode("node1", "/etc/resolv.conf")));
        assertEquals("127.0.0.1 localhost\n10.9.9.9 printer\n# BEGIN plumbery\n127.0.0.1 master1\n127.0.0.1 node1\n"
                + "127.0.0.1 node2\n# END plumbery\n", Files.readString(onNode("master1", "/etc/hosts")));
        assertEquals("# BEGIN plumbery\n127.0.0.1 master1\n127.0.0.1 node1\n127.0.0.1 node2\n# END plumbery\n",
                Files.readString(onNode("node1", "/etc/hosts")));
        assertTrue(master.files().stream().allMatch(FileChange::changed));
        assertEquals(List.of(
                new UnitChange("plumbery-zookeeper.service", UnitChange.Action.RESTARTED),
                new UnitChange("plumbery-mesos-master.service", UnitChange.Action.RESTARTED),
                new UnitChange("plumbery-marathon.service", UnitChange.Action.RESTARTED),
                new UnitChange("plumbery-chronos.service", UnitChange.Action.RESTARTED),
                new UnitChange("plumbery-mesos-dns.service", UnitChange.Action.RESTARTED)), master.units());
        assertEquals(List.of(new UnitChange("plumbery-mesos-agent.service", UnitChange.Action.RESTARTED)),
                first.node("node1").orElseThrow().units());
        assertArrayEquals(Files.readAllBytes(runtimeJar), Files.readAllBytes(onNode("node2", "/opt/plumbery/plumbery-cluster-runtime.jar")));
        assertEquals("1\n", Files.readString(onNode("master1", "/var/lib/plumbery/zookeeper/myid")));
        assertTrue(Files.readString(onNode("node1", "/etc/plumbery/mesos-agent.env"))
                .contains("AGENT_MASTER=file:///etc/plumbery/secrets/mesos-agent.master.zk\n"));
        assertEquals("zk://plumbery:" + Fixtures.CREDENTIALS.zookeeper() + "@127.0.0.1:" + zookeeperPort.getLocalPort()
                + "/mesos", Files.readString(onNode("node1", "/etc/plumbery/secrets/mesos-agent.master.zk")));
        assertEquals("rwxr-x---", mode(onNode("node1", "/etc/plumbery/secrets")), "the secrets' directory");
        assertEquals("rw-r-----", mode(onNode("node1", "/etc/plumbery/secrets/mesos-agent.credential.json")));
        assertEquals("rw-------", mode(onNode("master1", "/etc/plumbery/marathon.env")), "Marathon's env file");
        assertEquals("rw-r--r--", mode(onNode("master1", "/etc/plumbery/mesos-master.env")));
        assertTrue(calls("node1").contains("install -d -m 0750 -o root -g plumbery "), calls("node1"));
        assertTrue(calls("node1").contains("install -D -m 0640 -o root -g plumbery "), calls("node1"));
        assertTrue(Files.readString(onNode("node1", "/etc/ssh/sshd_config.d/10-plumbery.conf"))
                .contains("AllowUsers ops\n"));
        assertTrue(Files.readString(onNode("master1", "/etc/systemd/system/plumbery-zookeeper.service")).contains("Restart=on-failure"));
        String masterCalls = calls("master1");
        assertTrue(masterCalls.contains("cloud-init status --wait --long"), masterCalls);
        assertTrue(masterCalls.contains("systemctl daemon-reload"), masterCalls);
        assertTrue(masterCalls.contains("systemctl restart plumbery-zookeeper.service plumbery-mesos-master.service"
                + " plumbery-marathon.service plumbery-chronos.service plumbery-mesos-dns.service"), "one restart of all");
        assertTrue(masterCalls.contains("http://127.0.0.1:5050/master/health"), masterCalls);
        assertTrue(masterCalls.contains("http://127.0.0.1:8080/ping"), masterCalls);
        assertTrue(masterCalls.contains("http://127.0.0.1:4400/leader"), masterCalls);
        assertTrue(masterCalls.contains("http://127.0.0.1:8123/v1/version"), masterCalls);
        assertTrue(calls("node1").contains("http://127.0.0.1:5051/health"));
        assertEquals(3, Files.readAllLines(temp.resolve("state/known_hosts")).size(), "one pinned key per node");
        for (String node : List.of("master1", "node1", "node2")) {
            for (Step step : Step.values()) {
                assertTrue(progress.stream().anyMatch(p -> p.node().equals(node) && p.step() == step
                        && p.status() == Progress.Status.DONE), node + " " + step);
            }
        }
        assertTrue(progress.stream().anyMatch(p -> p.toLine().matches("master1 +upload-files +done +\\d+\\.\\ds  29 changed, 0 unchanged")),
                () -> progress.stream().map(Progress::toLine).toList().toString());

        assertEquals(2, maxNodesInPhaseOne(), "--parallel 2 bounds concurrency");

        int callsBefore = calls("master1").length();
        BootstrapReport second = run(plan);

        assertTrue(second.unchanged(), () -> second.nodes().stream().map(NodeReport::summary).toList().toString());
        if (Boolean.getBoolean("progress.print")) {
            System.out.println("first run " + first.elapsed().toMillis() + " ms, second run " + second.elapsed().toMillis() + " ms");
            progress.forEach(p -> System.out.println(p.toLine()));
        }
        assertEquals(List.of("master1: unchanged", "node1: unchanged", "node2: unchanged"),
                second.nodes().stream().map(NodeReport::summary).toList());
        String secondCalls = calls("master1").substring(callsBefore);
        assertFalse(secondCalls.contains("restart") || secondCalls.contains("daemon-reload") || secondCalls.contains("systemctl enable"), secondCalls);
    }

    @Test
    void onlyUnitsWhoseFilesChangedAreRestartedAndStoppedUnitsAreStarted() throws IOException {
        BootstrapPlan plan = plan(List.of("master1", "node1"));
        assertTrue(run(plan).succeeded());
        Files.writeString(onNode("master1", "/etc/plumbery/mesos-master.env"), "MASTER_QUORUM=9\n", StandardOpenOption.APPEND);
        Files.writeString(temp.resolve("nodes/node1/systemd/plumbery-mesos-agent.service.state"), "inactive\n");
        int callsBefore = calls("master1").length();

        BootstrapReport report = run(plan);

        assertTrue(report.succeeded());
        NodeReport master = report.node("master1").orElseThrow();
        assertEquals(List.of("/etc/plumbery/mesos-master.env"),
                master.files().stream().filter(FileChange::changed).map(FileChange::path).toList());
        assertEquals(List.of(UnitChange.Action.UNCHANGED, UnitChange.Action.RESTARTED, UnitChange.Action.UNCHANGED,
                UnitChange.Action.UNCHANGED, UnitChange.Action.UNCHANGED),
                master.units().stream().map(UnitChange::action).toList());
        assertFalse(Files.readString(onNode("master1", "/etc/plumbery/mesos-master.env")).contains("=9"), "file restored");
        assertFalse(calls("master1").substring(callsBefore).contains("daemon-reload"), "no unit file changed");
        assertEquals(List.of(new UnitChange("plumbery-mesos-agent.service", UnitChange.Action.STARTED)),
                report.node("node1").orElseThrow().units());
        assertEquals("node1: changed (0 file(s) written, 0 unit(s) restarted, 1 started)", report.node("node1").orElseThrow().summary());
    }

    @Test
    void failuresAreValuesNamingNodeStepAndTheUnitsJournal() throws IOException {
        Files.writeString(temp.resolve("nodes/master1/cloud-init.exit"), "1");
        Files.createDirectories(temp.resolve("nodes/node1/systemd"));
        Files.writeString(temp.resolve("nodes/node1/systemd/plumbery-mesos-agent.service.broken"), "");
        Files.writeString(temp.resolve("nodes/node2/unhealthy"), "5051");

        BootstrapReport report = run(plan(List.of("master1", "node1", "node2", "node3")));

        assertFalse(report.succeeded());
        NodeFailure cloudInit = report.node("master1").orElseThrow().failure().orElseThrow();
        assertEquals(Step.CLOUD_INIT, cloudInit.step());
        assertTrue(cloudInit.message().contains("cloud-init failed (exit 1)") && cloudInit.message().contains("package install failed"),
                cloudInit.message());

        NodeFailure broken = report.node("node1").orElseThrow().failure().orElseThrow();
        assertEquals(new NodeFailure("node1", Step.WAIT_ACTIVE, "plumbery-mesos-agent.service failed",
                "plumbery-mesos-agent.service", IntStream.rangeClosed(11, 30)
                .mapToObj(i -> "plumbery-mesos-agent.service line " + i).toList()), broken);
        assertTrue(broken.describe().startsWith("node1: wait-active: plumbery-mesos-agent.service failed\n"
                + "  last lines of journalctl -u plumbery-mesos-agent.service:\n    plumbery-mesos-agent.service line 11"));

        NodeFailure unhealthy = report.node("node2").orElseThrow().failure().orElseThrow();
        assertEquals(Step.WAIT_HEALTH, unhealthy.step());
        assertTrue(unhealthy.message().startsWith("mesos-agent not healthy at http://127.0.0.1:5051/health after 2 s (last check exit 1: curl: (7) Failed to connect"),
                unhealthy.message());
        assertEquals(20, unhealthy.journalTail().size());

        assertTrue(report.node("node3").orElseThrow().succeeded(), "other nodes go on");
        assertTrue(progress.stream().anyMatch(p -> p.node().equals("node1") && p.step() == Step.WAIT_ACTIVE
                && p.status() == Progress.Status.FAILED));
    }

    @Test
    void aRenderFailureStopsTheNodeBeforeConnecting() {
        BootstrapPlan agentsOnly = plan(List.of("node1"));

        BootstrapReport report = run(agentsOnly);

        NodeFailure failure = report.failures().get(0);
        assertEquals(Step.RENDER, failure.step());
        assertTrue(failure.message().startsWith("cannot render mesos-agent.env.ftl:"), failure.message());
        assertTrue(failure.message().contains("secretFiles.agentMasterZk"), failure.message());
        assertFalse(Files.exists(temp.resolve("state/known_hosts")), "never connected");
    }

    @Test
    void aNodeWithoutCloudInitIsAcceptedOnlyWhenToldSo() throws IOException {
        assumeFalse(Files.exists(Path.of("/usr/bin/cloud-init")), "this host has a real cloud-init");
        Path bare = Files.createDirectories(temp.resolve("fakebin-without-cloud-init"));
        for (String fake : FAKES) {
            if (!fake.equals("cloud-init")) {
                Files.copy(temp.resolve("fakebin").resolve(fake), bare.resolve(fake), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        servers.get("node1").close();
        servers.put("node1", TestSshServer.start(0, TestSshServer.newHostKey(), identity,
                temp.resolve("nodes/node1"), bare));
        BootstrapPlan plan = plan(List.of("master1", "node1"));

        BootstrapReport required = run(plan);

        assertEquals(List.of(new NodeFailure("node1", Step.CLOUD_INIT, "cloud-init is not installed on the node", null, List.of())),
                required.failures());
        assertTrue(required.node("master1").orElseThrow().succeeded());

        progress.clear();
        BootstrapReport tolerated = bootstrapper(settings().withRequireCloudInit(false)).bootstrap(plan, progress::add);

        assertTrue(tolerated.succeeded());
        assertTrue(progress.stream().anyMatch(p -> p.node().equals("node1") && p.step() == Step.CLOUD_INIT
                && p.detail().equals("no cloud-init (accepted)")));

        BootstrapReport withCloudConfig = bootstrapper(settings().withRequireCloudInit(false))
                .bootstrap(plan(List.of("master1", "node1"), Map.of("node1", Map.of("runcmd", List.of("true")))),
                        BootstrapListener.NONE);

        assertEquals(List.of(new NodeFailure("node1", Step.CLOUD_CONFIG, "the plan gives this node a cloud-config, but"
                + " the node has no cloud-init to apply it", null, List.of())), withCloudConfig.failures());
    }

    @Test
    void aDisabledCloudInitFailsFastUnlessToleratedAndIsNeverWaitedFor() throws IOException {
        Files.writeString(temp.resolve("nodes/master1/cloud-init.status"), "status: disabled\n");
        Files.writeString(temp.resolve("nodes/master1/cloud-init.exit"), "1");
        BootstrapPlan plan = plan(List.of("master1"));

        assertEquals(List.of(new NodeFailure("master1", Step.CLOUD_INIT,
                "cloud-init is disabled or did not run on the node (status: disabled)", null, List.of())), run(plan).failures());
        assertTrue(bootstrapper(settings().withRequireCloudInit(false)).bootstrap(plan, BootstrapListener.NONE).succeeded());
        assertFalse(calls("master1").contains("--wait"), "never waited");
    }

    @Test
    void cloudInitIsNotAskedWhenThisBootsResultListsNoErrorsAndAskedWhenItDoes() throws IOException {
        Path result = onNode("master1", NodeRun.CLOUD_INIT_RESULT);
        Files.createDirectories(result.getParent());
        Files.writeString(result, "{\n \"v1\": {\n  \"datasource\": \"DataSourceNoCloud\",\n  \"errors\": []\n }\n}\n");
        BootstrapPlan plan = plan(List.of("master1"));

        assertTrue(run(plan).succeeded());
        assertFalse(calls("master1").contains("cloud-init status"), calls("master1"));

        Files.writeString(result, "{\n \"v1\": {\n  \"datasource\": \"DataSourceNoCloud\",\n  \"errors\": [\n"
                + "   \"('users_groups', RuntimeError('boom'))\"\n  ]\n }\n}\n");
        Files.writeString(temp.resolve("nodes/master1/cloud-init.exit"), "1");
        assertEquals(Step.CLOUD_INIT, run(plan).failures().get(0).step());
        assertTrue(calls("master1").contains("cloud-init status --wait --long"), "errors: cloud-init says which");
    }

    @Test
    void aChangedHostKeyStopsTheNodeAtConnect() throws IOException {
        int port = servers.get("master1").port();
        Files.createDirectories(temp.resolve("state"));
        Files.writeString(temp.resolve("state/known_hosts"), "[127.0.0.1]:" + port + " "
                + SshKeys.publicLine(TestSshServer.newHostKey().getPublic()) + "\n");

        BootstrapReport report = run(plan(List.of("master1")));

        NodeFailure failure = report.failures().get(0);
        assertEquals(Step.CONNECT, failure.step());
        assertTrue(failure.message().startsWith("host key of 127.0.0.1:" + port + " changed: expected ecdsa-sha2-nistp256 SHA256:"),
                failure.message());
    }

    @Test
    void aNewRuntimeJarRestartsEveryUnitOfTheNode() throws IOException {
        BootstrapPlan plan = plan(List.of("master1"));
        assertTrue(run(plan).succeeded());
        Files.write(runtimeJar, "a newer build".getBytes(StandardCharsets.UTF_8));

        NodeReport master = run(plan).node("master1").orElseThrow();

        assertEquals(List.of("/opt/plumbery/plumbery-cluster-runtime.jar"),
                master.files().stream().filter(FileChange::changed).map(FileChange::path).toList());
        assertTrue(master.units().stream().allMatch(u -> u.action() == UnitChange.Action.RESTARTED), master.units()::toString);
    }

    @Test
    void unitsOfARoleTheNodeNoLongerHasAreStoppedAndRemoved() throws IOException {
        assertTrue(run(plan(List.of("master1"))).succeeded());
        BootstrapNode full = plan(List.of("master1")).nodes().get(0);
        BootstrapNode withoutMarathon = new BootstrapNode(full.name(),
                java.util.EnumSet.of(Role.ZOOKEEPER, Role.MASTER, Role.CHRONOS, Role.MESOS_DNS),
                full.privateAddress(), full.publicAddress(), full.ssh(), full.cloudConfig(), full.cpu(), full.memoryMb());
        int callsBefore = calls("master1").length();

        NodeReport master = run(new BootstrapPlan("it", List.of(withoutMarathon), Map.of(), runtimeJar, Fixtures.CREDENTIALS)).node("master1").orElseThrow();

        assertEquals(List.of(new UnitChange("plumbery-marathon.service", UnitChange.Action.REMOVED),
                new UnitChange("plumbery-zookeeper.service", UnitChange.Action.UNCHANGED),
                new UnitChange("plumbery-mesos-master.service", UnitChange.Action.UNCHANGED),
                new UnitChange("plumbery-chronos.service", UnitChange.Action.UNCHANGED),
                new UnitChange("plumbery-mesos-dns.service", UnitChange.Action.UNCHANGED)), master.units());
        assertFalse(Files.exists(onNode("master1", "/etc/systemd/system/plumbery-marathon.service")));
        assertFalse(Files.exists(onNode("master1", "/etc/plumbery/marathon.env")));
        String calls = calls("master1").substring(callsBefore);
        assertTrue(calls.contains("systemctl disable --quiet --now plumbery-marathon.service") && calls.contains("daemon-reload"), calls);
        assertEquals("master1: changed (0 file(s) written, 0 unit(s) restarted, 0 started, 1 removed)", master.summary());
    }

    @Test
    void thePlansCloudConfigIsAppliedModuleByModuleOnceAndAgainOnlyWhereItChanged() throws IOException {
        Map<String, Object> files = Map.of("write_files", List.of(Map.of("path", "/etc/motd", "content", "hello")),
                "runcmd", List.of("echo marker > /root/marker"), "packages", List.of("htop"));
        BootstrapPlan plan = plan(List.of("master1", "node1"), Map.of("master1", files, "node1", files));

        BootstrapReport first = run(plan);

        assertTrue(first.succeeded(), () -> first.failures().toString());
        List<String> inOrder = List.of("write_files", "runcmd", "package_update_upgrade_install", "scripts_user");
        assertEquals(inOrder, modulesRun(calls("master1")));
        assertEquals(inOrder, first.node("node1").orElseThrow().cloudConfigModules());
        assertTrue(calls("node1").contains("cloud-init --file " + onNode("node1", "/etc/plumbery/cloud-config.yaml")
                + " single --name write_files --frequency always"), calls("node1"));
        Path document = onNode("node1", "/etc/plumbery/cloud-config.yaml");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(document)));
        assertTrue(Files.readString(document).startsWith("#cloud-config\n# plan it, node node1: applied by plumbery"),
                Files.readString(document));
        assertEquals(plan.nodes().get(1).cloudConfig(), new org.yaml.snakeyaml.Yaml().load(Files.readString(document)));
        assertEquals(io.plumbery.node.ssh.ContentSource.of(Files.readAllBytes(document)).sha256() + "\n",
                Files.readString(onNode("node1", "/etc/plumbery/cloud-config.applied")));
        assertTrue(progress.stream().anyMatch(p -> p.toLine().matches(
                "node1 +cloud-config +done +\\d+\\.\\ds  applied: write_files, runcmd, package_update_upgrade_install, scripts_user")),
                () -> progress.stream().map(Progress::toLine).toList().toString());

        int masterCalls = calls("master1").length();
        BootstrapReport second = run(plan);

        assertEquals(List.of("master1: unchanged", "node1: unchanged"), second.nodes().stream().map(NodeReport::summary).toList());
        assertEquals(List.of(), modulesRun(calls("master1").substring(masterCalls)));
        assertTrue(progress.stream().anyMatch(p -> p.node().equals("node1") && p.step() == Step.CLOUD_CONFIG
                && p.status() == Progress.Status.DONE && p.detail().equals("unchanged")));

        Map<String, Object> changed = Map.of("write_files", List.of(Map.of("path", "/etc/motd", "content", "hello again")));
        masterCalls = calls("master1").length();
        int nodeCalls = calls("node1").length();
        BootstrapReport third = run(plan(List.of("master1", "node1"), Map.of("master1", files, "node1", changed)));

        assertEquals(List.of(), modulesRun(calls("master1").substring(masterCalls)), "master1's document is the same");
        assertEquals(List.of("write_files"), modulesRun(calls("node1").substring(nodeCalls)));
        assertEquals("node1: changed (cloud-config applied by write_files, 0 file(s) written, 0 unit(s) restarted, 0 started)",
                third.node("node1").orElseThrow().summary());
    }

    @Test
    void aFailingModuleFailsItsNodeWithTheModulesMessageAndTheLastLinesAndIsAppliedAgainNextTime() throws IOException {
        Map<String, Object> doc = Map.of("runcmd", List.of("exit 3"), "timezone", "Europe/Paris");
        BootstrapPlan plan = plan(List.of("master1", "node1"), Map.of("master1", doc, "node1", doc));
        Files.writeString(temp.resolve("nodes/node1/cloud-init.fail"), "scripts_user");

        BootstrapReport report = run(plan);

        assertTrue(report.node("master1").orElseThrow().succeeded(), "other nodes go on");
        NodeFailure failure = report.node("node1").orElseThrow().failure().orElseThrow();
        assertEquals(Step.CLOUD_CONFIG, failure.step());
        assertEquals("cloud-init module scripts_user (runcmd) failed (exit 1): RuntimeError: Runparts: 1 failures (runcmd)"
                + " in 1 attempted commands | Command: ['/var/lib/cloud/instance/scripts/runcmd'] | Exit code: 3",
                failure.message());
        assertEquals(20, failure.journalTail().size());
        assertEquals("boom", failure.journalTail().get(18));
        assertTrue(failure.describe().contains("\n  last lines of its output:\n    output line 8\n"), failure.describe());
        assertFalse(Files.exists(onNode("node1", "/etc/plumbery/cloud-config.applied")), "not marked as applied");
        assertTrue(report.node("node1").orElseThrow().files().isEmpty(), "nothing of the cluster's own is written");

        Files.writeString(temp.resolve("nodes/node1/cloud-init.fail"), "scripts_user quietly");
        NodeFailure quiet = run(plan).node("node1").orElseThrow().failure().orElseThrow();
        assertEquals(failure.message(), quiet.message(), "cloud-init said 0, its log said the module failed");

        Files.delete(temp.resolve("nodes/node1/cloud-init.fail"));
        int before = calls("node1").length();
        BootstrapReport fixed = run(plan);

        assertTrue(fixed.succeeded(), () -> fixed.failures().toString());
        assertEquals(List.of("timezone", "runcmd", "scripts_user"), modulesRun(calls("node1").substring(before)));
    }
}
