package io.plumbery.bootstrap.render;

import io.plumbery.bootstrap.Fixtures;
import io.plumbery.bootstrap.model.BootstrapNode;
import io.plumbery.bootstrap.model.BootstrapPlan;
import io.plumbery.bootstrap.model.ClusterCredentials;
import io.plumbery.bootstrap.model.ClusterTls;
import io.plumbery.bootstrap.model.RuntimeSettings;
import io.plumbery.node.tls.IssuedCertificate;
import io.plumbery.node.tls.PlanAuthority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a deployed cluster is secured with, as rendered for a master node and an agent node: the services' flags,
 * the secrets only in files under /etc/plumbery/secrets (and Marathon's and Chronos's 0600 env files), none in a unit.
 */
class SecuredTemplatesTest {
    private final NodeRenderer renderer = new NodeRenderer(new TemplateRenderer(), RuntimeSettings.defaults());
    private final BootstrapPlan plan = Fixtures.mesos3x3();
    private final ClusterCredentials credentials = Fixtures.CREDENTIALS;

    private BootstrapNode node(String name) {
        return plan.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    private Map<String, RenderedFile> files(String node) {
        return renderer.serviceFiles(plan, node(node)).stream()
                .collect(Collectors.toMap(RenderedFile::path, f -> f));
    }

    private static String execStart(RenderedFile unit) {
        return unit.content().lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
    }

    private List<String> secrets() {
        return credentials.all().stream().map(ClusterCredentials.Principal::secret).toList();
    }

    @Test
    void theMasterAuthenticatesEveryoneWithTheCredentialsFile() {
        Map<String, RenderedFile> files = files("master1");
        String exec = execStart(files.get("/etc/systemd/system/plumbery-mesos-master.service"));
        for (String flag : List.of("--credentials ${MASTER_CREDENTIALS}", "--authenticate_http_readonly",
                "--authenticate_http_readwrite", "--authenticate_http_frameworks", "--authenticate_agents",
                "--zk ${MASTER_ZK}")) {
            assertTrue(exec.contains(flag), flag + " in " + exec);
        }
        String env = files.get("/etc/plumbery/mesos-master.env").content();
        assertTrue(env.contains("MASTER_ZK=file:///etc/plumbery/secrets/mesos-master.zk\n"), env);
        assertTrue(env.contains("MASTER_CREDENTIALS=/etc/plumbery/secrets/mesos-master.credentials.json\n"), env);
        assertEquals("{\"credentials\":[{\"principal\":\"admin\",\"secret\":\"AdminSecretXXXXXXXXXX\"},"
                        + "{\"principal\":\"marathon\",\"secret\":\"MarathonSecretXXXXXXX\"},"
                        + "{\"principal\":\"chronos\",\"secret\":\"ChronosSecretXXXXXXXX\"},"
                        + "{\"principal\":\"agent\",\"secret\":\"AgentSecretXXXXXXXXXX\"},"
                        + "{\"principal\":\"dns\",\"secret\":\"DnsSecretXXXXXXXXXXXX\"}]}\n",
                files.get("/etc/plumbery/secrets/mesos-master.credentials.json").content());
        assertEquals("zk://plumbery:ZooKeeperSecretXXXXXX@10.0.0.11:2181,10.0.0.12:2181,10.0.0.13:2181/mesos",
                files.get("/etc/plumbery/secrets/mesos-master.zk").content());
    }

    @Test
    void theMasterLetsEachPrincipalDoOnlyItsPart() {
        Map<String, RenderedFile> files = files("master1");
        assertTrue(execStart(files.get(NodeRenderer.UNIT_DIR + "/plumbery-mesos-master.service"))
                .contains(" --acls ${MASTER_ACLS} "));
        assertTrue(files.get(NodeRenderer.CONFIG_DIR + "/mesos-master.env").content()
                .contains("\nMASTER_ACLS=" + NodeRenderer.ACLS_FILE + "\n"));
        // JSON, read as YAML (its superset), as lists of ACLs of principals and an object each
        Map<String, Object> acls = new org.yaml.snakeyaml.Yaml().load(files.get(NodeRenderer.ACLS_FILE).content());
        assertEquals(false, acls.get("permissive"));
        assertEquals(List.of("marathon", "chronos", "admin"), principals(acls, "register_frameworks"));
        assertEquals(Map.of("values", List.of("nobody")), first(acls, "run_tasks").get("users"));
        assertEquals(List.of("agent"), principals(acls, "register_agents"));
        for (String adminOnly : List.of("teardown_frameworks", "view_flags", "update_weights", "update_quotas",
                "update_maintenance_schedules", "start_maintenances", "drain_agents", "mark_agents_gone",
                "view_roles", "access_mesos_logs", "view_containers")) {
            assertEquals(List.of("admin"), principals(acls, adminOnly), adminOnly);
        }
        for (String view : List.of("view_frameworks", "view_tasks")) {
            // admin and dns see every framework and task; marathon and chronos those of the task user
            assertEquals(List.of("admin", "dns"), principals(acls, view), view);
            assertEquals(Map.of("type", "ANY"), first(acls, view).get("users"), view);
            Map<String, Object> frameworks = nth(acls, view, 1);
            assertEquals(Map.of("values", List.of("marathon", "chronos")), frameworks.get("principals"), view);
            assertEquals(Map.of("values", List.of("nobody")), frameworks.get("users"), view);
        }
        assertEquals(Map.of("values", List.of("nobody")), nth(acls, "access_sandboxes", 1).get("users"));
    }

    @Test
    void agentsReadTheMastersRules() {
        Map<String, RenderedFile> agent = files("node1");
        assertEquals(files("master1").get(NodeRenderer.ACLS_FILE).content(), agent.get(NodeRenderer.ACLS_FILE).content());
        assertTrue(execStart(agent.get(NodeRenderer.UNIT_DIR + "/plumbery-mesos-agent.service"))
                .contains(" --acls ${AGENT_ACLS} "));
        assertTrue(agent.get(NodeRenderer.CONFIG_DIR + "/mesos-agent.env").content()
                .contains("\nAGENT_ACLS=" + NodeRenderer.ACLS_FILE + "\n"));
    }

    private static Map<String, Object> first(Map<String, Object> acls, String action) {
        return nth(acls, action, 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nth(Map<String, Object> acls, String action, int index) {
        return ((List<Map<String, Object>>) acls.get(action)).get(index);
    }

    @SuppressWarnings("unchecked")
    private static List<String> principals(Map<String, Object> acls, String action) {
        return (List<String>) ((Map<String, Object>) first(acls, action).get("principals")).get("values");
    }

    @Test
    void marathonSubscribesAsItsPrincipalAndAsksForTheAdminsCredentials() {
        Map<String, RenderedFile> files = files("master1");
        String exec = execStart(files.get("/etc/systemd/system/plumbery-marathon.service"));
        for (String flag : List.of("--mesos_authentication ", "--mesos_authentication_principal ${MARATHON_PRINCIPAL}",
                "--mesos_authentication_secret_file ${MARATHON_SECRET_FILE}", "--master ${MARATHON_MASTER}",
                "--zk ${MARATHON_ZK}")) {
            assertTrue(exec.contains(flag), flag + " in " + exec);
        }
        assertFalse(exec.contains("http_credentials"), "Marathon's credentials come from its env file: " + exec);
        RenderedFile env = files.get("/etc/plumbery/marathon.env");
        assertEquals("0600", env.mode(), "only root reads Marathon's env file");
        assertTrue(env.content().contains("MARATHON_HTTP_CREDENTIALS=admin:AdminSecretXXXXXXXXXX\n"), env.content());
        assertTrue(env.content().contains("MARATHON_PRINCIPAL=marathon\n"), env.content());
        assertTrue(env.content().contains("MARATHON_MASTER=file:///etc/plumbery/secrets/marathon.master.zk\n"));
        assertTrue(env.content().contains("MARATHON_ZK=file:///etc/plumbery/secrets/marathon.zk\n"));
        assertEquals("MarathonSecretXXXXXXX\n", files.get("/etc/plumbery/secrets/marathon.secret").content());
        assertTrue(files.get("/etc/plumbery/secrets/marathon.zk").content().endsWith("@10.0.0.11:2181,10.0.0.12:2181,"
                + "10.0.0.13:2181/marathon"));
    }

    @Test
    void chronosAsksForTheAdminsCredentialsAndSubscribesAsChronosWithTheTaskUser() {
        Map<String, RenderedFile> files = files("master1");
        String exec = execStart(files.get("/etc/systemd/system/plumbery-chronos.service"));
        for (String flag : List.of("--mesos_authentication_principal ${CHRONOS_PRINCIPAL}",
                "--mesos_authentication_secret_file ${CHRONOS_SECRET_FILE}", "--master ${CHRONOS_MASTER}",
                "--zk ${CHRONOS_ZK}", "--user ${CHRONOS_USER}", "--http_address ${CHRONOS_HTTP_ADDRESS}")) {
            assertTrue(exec.contains(flag), flag + " in " + exec);
        }
        assertFalse(exec.contains("http_credentials"), "Chronos's credentials come from its env file: " + exec);
        RenderedFile env = files.get("/etc/plumbery/chronos.env");
        assertEquals("0600", env.mode(), "only root reads Chronos's env file");
        assertTrue(env.content().contains("CHRONOS_HTTP_CREDENTIALS=admin:AdminSecretXXXXXXXXXX\n"), env.content());
        assertTrue(env.content().contains("CHRONOS_PRINCIPAL=chronos\n"), env.content());
        assertTrue(env.content().contains("CHRONOS_USER=nobody\n"), env.content());
        assertTrue(env.content().contains("CHRONOS_HTTP_ADDRESS=10.0.0.11\n"), env.content());
        assertEquals("ChronosSecretXXXXXXXX\n", files.get("/etc/plumbery/secrets/chronos.secret").content());
        assertTrue(files.get("/etc/plumbery/secrets/chronos.zk").content().endsWith("@10.0.0.11:2181,10.0.0.12:2181,"
                + "10.0.0.13:2181/chronos"));
        assertTrue(files.get("/etc/plumbery/marathon.env").content().contains("MARATHON_MESOS_USER=nobody\n"));
    }

    @Test
    void theAgentRunsAsRootWithFewCapabilitiesAndItsTasksAsNobodyNeverRoot() {
        Map<String, RenderedFile> files = files("node1");
        String unit = files.get("/etc/systemd/system/plumbery-mesos-agent.service").content();
        assertTrue(unit.contains("\nUser=root\n"), unit);
        assertTrue(unit.contains("\nCapabilityBoundingSet=CAP_SETUID CAP_SETGID CAP_CHOWN CAP_FOWNER CAP_DAC_OVERRIDE"
                + " CAP_DAC_READ_SEARCH CAP_KILL\n"), unit);
        assertTrue(unit.contains("\nStateDirectoryMode=0711\n"), unit);
        assertTrue(unit.indexOf("EnvironmentFile=-/etc/plumbery/mesos-agent.local.env")
                > unit.indexOf("EnvironmentFile=/etc/plumbery/mesos-agent.env"), "the operator's file is read last");
        String env = files.get("/etc/plumbery/mesos-agent.env").content();
        assertTrue(env.contains("MESOS_SWITCH_USER=true\nMESOS_ALLOW_ROOT_TASKS=false\n"), env);
    }

    @Test
    void mesosDnsReadsTheMasterAsDnsAndGuardsItsApi() {
        Map<String, RenderedFile> files = files("master1");
        String exec = execStart(files.get("/etc/systemd/system/plumbery-mesos-dns.service"));
        assertTrue(exec.contains("--mesos_credential ${DNS_MESOS_CREDENTIAL}"), exec);
        assertTrue(exec.contains("--http_credentials ${DNS_HTTP_CREDENTIALS}"), exec);
        assertEquals("{\"principal\":\"dns\",\"secret\":\"DnsSecretXXXXXXXXXXXX\"}\n",
                files.get("/etc/plumbery/secrets/mesos-dns.credential.json").content());
        assertEquals("{\"credentials\":[{\"principal\":\"admin\",\"secret\":\"AdminSecretXXXXXXXXXX\"}]}\n",
                files.get("/etc/plumbery/secrets/mesos-dns.http_credentials.json").content());
    }

    @Test
    void zookeeperRefusesClientsThatDoNotAuthenticate() {
        String zooCfg = files("master1").get("/etc/plumbery/zoo.cfg").content();
        assertTrue(zooCfg.contains("\nenforce.auth.enabled=true\n"), zooCfg);
        assertTrue(zooCfg.contains("\nenforce.auth.schemes=digest\n"), zooCfg);
        assertFalse(zooCfg.contains("skipACL"), zooCfg);
    }

    @Test
    void theAgentRegistersAsAgentAndGuardsItsApi() {
        Map<String, RenderedFile> files = files("node1");
        String exec = execStart(files.get("/etc/systemd/system/plumbery-mesos-agent.service"));
        for (String flag : List.of("--credential ${AGENT_CREDENTIAL}", "--http_credentials ${AGENT_HTTP_CREDENTIALS}",
                "--authenticate_http_readonly", "--authenticate_http_readwrite", "--master ${AGENT_MASTER}")) {
            assertTrue(exec.contains(flag), flag + " in " + exec);
        }
        assertEquals("{\"principal\":\"agent\",\"secret\":\"AgentSecretXXXXXXXXXX\"}\n",
                files.get("/etc/plumbery/secrets/mesos-agent.credential.json").content());
        assertTrue(files.get("/etc/plumbery/mesos-agent.env").content()
                .contains("AGENT_MASTER=file:///etc/plumbery/secrets/mesos-agent.master.zk\n"));
    }

    @Test
    void noSecretInAnyUnitOrCommandLineAndSecretFilesAreTheServicesAlone() {
        for (BootstrapNode node : plan.nodes()) {
            for (RenderedFile file : renderer.serviceFiles(plan, node)) {
                List<String> leaked = secrets().stream().filter(file.content()::contains).toList();
                if (file.isUnit()) {
                    assertEquals(List.of(), leaked, file.path());
                    assertFalse(file.content().contains("zk://"), "no ZooKeeper URL in " + file.path());
                } else if (file.path().startsWith(NodeRenderer.SECRETS_DIR + "/")) {
                    assertEquals("0640", file.mode(), file.path());
                    assertEquals("root:plumbery", file.owner(), file.path());
                    assertFalse(leaked.isEmpty(), "a secret file holds a secret: " + file.path());
                } else if (file.path().equals("/etc/plumbery/marathon.env")
                        || file.path().equals("/etc/plumbery/chronos.env")) {
                    assertEquals(List.of(credentials.admin()), leaked, file.path());
                } else {
                    assertEquals(List.of(), leaked, file.path());
                }
                secrets().forEach(secret -> assertFalse(file.toString().contains(secret), file.toString()));
            }
        }
    }

    @Test
    void sshdLetsInThePlansLoginUserAloneWithKeysOnly() {
        RenderedFile sshd = files("node2").get(NodeRenderer.SSHD_DROP_IN);
        assertEquals("0644", sshd.mode());
        List<String> settings = sshd.content().lines().filter(l -> !l.startsWith("#")).toList();
        assertEquals(List.of("PasswordAuthentication no", "KbdInteractiveAuthentication no",
                "ChallengeResponseAuthentication no", "PermitRootLogin no", "PubkeyAuthentication yes",
                "AllowUsers plumbery-admin"), settings);
    }

    @Test
    void theUsersThePlansCloudConfigMakesMayLogInToo() {
        BootstrapPlan withUsers = Fixtures.mesos3x3(Map.of("users", List.of("default", Map.of("name", "bob"))),
                Map.of("users", List.of("alice", Map.of("name", "x*"), Map.of("name", "plumbery-admin"))), Map.of());
        BootstrapNode master1 = withUsers.nodes().get(0);
        String sshd = renderer.serviceFiles(withUsers, master1).stream()
                .filter(f -> f.path().equals(NodeRenderer.SSHD_DROP_IN)).findFirst().orElseThrow().content();
        // the image's default user and a name sshd would read as a pattern are not let in
        assertTrue(sshd.contains("\nAllowUsers plumbery-admin bob alice\n"), sshd);
    }

    @Test
    void withTheClustersTlsEveryServiceSpeaksHttpsWithItsNodesCertificate(@TempDir Path dir) throws Exception {
        PlanAuthority authority = PlanAuthority.in(dir, plan.planName());
        IssuedCertificate master1 = authority.issue(List.of("master1"), List.of(InetAddress.getByName("10.0.0.11")));
        BootstrapPlan secured = new BootstrapPlan(plan.planName(), plan.nodes(), plan.globalCloudConfig(),
                plan.runtimeArtifact(), Set.of(), credentials, Set.of(),
                new ClusterTls(authority.certificatePem(), Map.of("master1", master1)));
        Map<String, RenderedFile> files = renderer.serviceFiles(secured, node("master1")).stream()
                .collect(Collectors.toMap(RenderedFile::path, f -> f));
        assertEquals(authority.certificatePem(), files.get(ClusterTls.AUTHORITY_FILE).content());
        assertEquals("0644", files.get(ClusterTls.CERTIFICATE_FILE).mode());
        RenderedFile key = files.get(NodeRenderer.TLS_KEY_FILE);
        assertEquals(master1.privateKeyPem(), key.content());
        assertEquals("0640", key.mode());
        assertEquals("root:plumbery", key.owner());
        for (String service : List.of("mesos-master", "marathon", "mesos-dns")) {
            String env = files.get(NodeRenderer.CONFIG_DIR + "/" + service + ".env").content();
            assertTrue(env.contains("\nLIBPROCESS_SSL_ENABLED=true\nLIBPROCESS_SSL_CERT_FILE=" + ClusterTls.CERTIFICATE_FILE
                    + "\nLIBPROCESS_SSL_KEY_FILE=" + NodeRenderer.TLS_KEY_FILE + "\nLIBPROCESS_SSL_CA_FILE="
                    + ClusterTls.AUTHORITY_FILE + "\n"), env);
            // the certificate is named, so that a new one restarts the service; its key never is
            assertTrue(env.contains("(SHA-256 " + RenderedFile.sha256(master1.certificatePem().getBytes()).substring(0, 32)),
                    env);
            assertFalse(env.contains("PRIVATE KEY"), env);
        }
        // ZooKeeper takes clients and peers over TLS only, with the node's key and certificate in its key store
        RenderedFile keyStore = files.get(NodeRenderer.ZOOKEEPER_KEY_STORE);
        assertEquals(master1.privateKeyPem() + master1.certificatePem(), keyStore.content());
        assertEquals("0640", keyStore.mode());
        String zooCfg = files.get(NodeRenderer.CONFIG_DIR + "/zoo.cfg").content();
        for (String line : List.of("secureClientPort=2181", "secureClientPortAddress=10.0.0.11", "sslQuorum=true",
                "ssl.keyStore.location=" + NodeRenderer.ZOOKEEPER_KEY_STORE, "ssl.trustStore.location="
                        + ClusterTls.AUTHORITY_FILE, "ssl.quorum.keyStore.location=" + NodeRenderer.ZOOKEEPER_KEY_STORE)) {
            assertTrue(zooCfg.contains("\n" + line + "\n"), zooCfg);
        }
        assertFalse(zooCfg.contains("\nclientPort="), zooCfg);
        // and every service that reaches ZooKeeper does so over TLS, trusting the plan's authority
        for (String service : List.of("mesos-master", "marathon", "chronos", "mesos-dns")) {
            String env = files.get(NodeRenderer.CONFIG_DIR + "/" + service + ".env").content();
            assertTrue(env.contains(" -Dzookeeper.client.secure=true -Dzookeeper.clientCnxnSocket="
                    + "org.apache.zookeeper.ClientCnxnSocketNetty -Dzookeeper.ssl.trustStore.location="
                    + ClusterTls.AUTHORITY_FILE + " -Dzookeeper.ssl.trustStore.type=PEM"
                    + " -Dzookeeper.ssl.hostnameVerification=false\"\n"), env);
        }
        // without the cluster's TLS: plain HTTP, no certificate on the node
        assertFalse(files("master1").values().stream().anyMatch(f -> f.content().contains("LIBPROCESS_SSL")
                || f.path().startsWith(ClusterTls.DIR)));
    }

    @Test
    void machinesThePlanDoesNotOwnKeepTheirSshd() {
        BootstrapPlan byon = new BootstrapPlan(plan.planName(), plan.nodes(), plan.globalCloudConfig(),
                plan.runtimeArtifact(), Set.of(), credentials, Set.of("node1"));
        assertFalse(renderer.serviceFiles(byon, node("node1")).stream()
                .anyMatch(f -> f.path().equals(NodeRenderer.SSHD_DROP_IN)));
        assertTrue(renderer.serviceFiles(byon, node("node2")).stream()
                .anyMatch(f -> f.path().equals(NodeRenderer.SSHD_DROP_IN)));
    }

    @Test
    void theCredentialsNeverShowInTheirOwnText() {
        String shown = credentials + " " + credentials.all();
        secrets().forEach(secret -> assertFalse(shown.contains(secret), shown));
        assertTrue(shown.contains("admin:(secret)") && shown.contains("plumbery:(secret)"), shown);
    }
}
