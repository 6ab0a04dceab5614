package io.plumbery.bootstrap.render;

import io.plumbery.bootstrap.cloudconfig.CloudConfigDocument;
import io.plumbery.bootstrap.model.BootstrapNode;
import io.plumbery.bootstrap.model.BootstrapPlan;
import io.plumbery.bootstrap.model.ClusterCredentials;
import io.plumbery.bootstrap.model.ClusterTls;
import io.plumbery.bootstrap.model.Role;
import io.plumbery.bootstrap.model.RuntimeSettings;
import io.plumbery.fittings.load.CloudConfigMerge;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.node.tls.IssuedCertificate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Renders what one node of a plan needs: its cloud-config user-data (merged with the plan's blocks), and
 * the systemd units, env files and ZooKeeper files of its roles.
 */
public final class NodeRenderer {

    public static final String UNIT_DIR = "/etc/systemd/system";
    public static final String CONFIG_DIR = "/etc/plumbery";
    public static final String ZOOKEEPER_DATA_DIR = "/var/lib/plumbery/zookeeper";
    /** Every node of the plan, one {@code address name} line each: the plumbery block of /etc/hosts. */
    public static final String HOSTS_FILE = CONFIG_DIR + "/hosts";
    /** The master's {@code --acls}: what each of the plan's principals may do (not a secret). */
    public static final String ACLS_FILE = CONFIG_DIR + "/mesos-acls.json";
    /** The cluster's secret files (0750 root:SERVICE_USER); units and env files name files there, never a secret. */
    public static final String SECRETS_DIR = SecretFiles.DIR;
    private static final java.util.regex.Pattern USER_NAME = java.util.regex.Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    /** The node's TLS key, with the cluster's other secrets (0640 root:SERVICE_USER). */
    public static final String TLS_KEY_FILE = SecretFiles.DIR + "/node-key.pem";
    /** ZooKeeper's key store: the node's key and certificate in one PEM file, the form ZooKeeper reads. */
    public static final String ZOOKEEPER_KEY_STORE = SecretFiles.DIR + "/zookeeper-keystore.pem";
    /**
     * The JVM flags with which ZooKeeper's client (in every service that reaches ZooKeeper) speaks TLS, trusting the
     * plan's authority alone, as ZooKeeper documents its client's TLS. Without checking the server's name: ZooKeeper's
     * client checks the name the node's resolver gives the server's address, which on a machine the plan does not own
     * is the machine's own (byon), in no certificate; the plan's authority issues certificates to its nodes only.
     */
    static final String ZOOKEEPER_CLIENT_TLS = "-Dzookeeper.client.secure=true"
            + " -Dzookeeper.clientCnxnSocket=org.apache.zookeeper.ClientCnxnSocketNetty"
            + " -Dzookeeper.ssl.trustStore.location=" + ClusterTls.AUTHORITY_FILE + " -Dzookeeper.ssl.trustStore.type=PEM"
            + " -Dzookeeper.ssl.hostnameVerification=false";
    /** plumbery's sshd settings; the bootstrap reloads sshd when it changes. */
    public static final String SSHD_DROP_IN = "/etc/ssh/sshd_config.d/10-plumbery.conf";

    private final TemplateRenderer templates;
    private final RuntimeSettings settings;

    public NodeRenderer(TemplateRenderer templates, RuntimeSettings settings) {
        this.templates = Objects.requireNonNull(templates, "templates");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public RuntimeSettings settings() {
        return settings;
    }

    /**
     * The user-data of {@code node}: the generated cloud-config, then the plan's global block merged onto
     * it, then the node's own block (lists appended, maps deep-merged, the plan's scalars win).
     *
     * @param login whose public key is authorized for the login user
     * @throws RenderException when a template needs a value the plan lacks
     */
    public String cloudConfig(BootstrapPlan plan, BootstrapNode node, SshIdentity login) {
        Map<String, Object> generated = CloudConfigYaml.parse(generatedCloudConfig(plan, node, login));
        Map<String, Object> merged = CloudConfigMerge.merge(generated, plan.globalCloudConfig());
        merged = CloudConfigMerge.merge(merged, node.cloudConfig());
        return CloudConfigYaml.dump(merged);
    }

    /**
     * The plan's cloud-config of {@code node} as polish applies it: the plan's global block, then the node's own
     * (merged as {@link #cloudConfig} merges them), with polish's own settings ({@link CloudConfigDocument#of}).
     * The generated cloud-config is not part of it: polish writes the cluster's own files and users itself.
     */
    public CloudConfigDocument planCloudConfig(BootstrapPlan plan, BootstrapNode node) {
        return CloudConfigDocument.of(plan.planName(), node.name(),
                CloudConfigMerge.merge(plan.globalCloudConfig(), node.cloudConfig()));
    }

    /** The generated cloud-config alone, before the plan's blocks are merged (the template's raw output). */
    public String generatedCloudConfig(BootstrapPlan plan, BootstrapNode node, SshIdentity login) {
        Map<String, Object> model = model(plan, node);
        model.put("login", FirstBoot.loginModel(login));
        return templates.render("cloud-config.yaml.ftl", model);
    }

    /**
     * The files of the node: first {@link #HOSTS_FILE} (no unit), then {@link #SSHD_DROP_IN} when the bootstrap
     * hardens the node's sshd, then those of its roles in a stable order (ZooKeeper, master, Marathon, Mesos-DNS,
     * agent), each role's unit, env file, own files and secret files.
     */
    public List<RenderedFile> serviceFiles(BootstrapPlan plan, BootstrapNode node) {
        Map<String, Object> model = model(plan, node);
        List<RenderedFile> files = new ArrayList<>();
        files.add(file(HOSTS_FILE, "hosts.ftl", model, null));
        if (hardensSsh(plan, node)) {
            files.add(file(SSHD_DROP_IN, "sshd-plumbery.conf.ftl", model, null));
        }
        if (servesTls(plan, node)) {
            files.addAll(tlsFiles(plan.tls().of(node.name()), plan.tls().authorityPem(), node.has(Role.ZOOKEEPER)));
        }
        SecretFiles secrets = secretFiles(plan);
        for (Role role : Role.values()) {
            if (!node.has(role)) {
                continue;
            }
            files.add(file(UNIT_DIR + "/" + role.unit(), role.unit() + ".ftl", model, role));
            // Marathon's and Chronos's env files carry their HTTP credentials (MARATHON_HTTP_CREDENTIALS, ...): root's alone
            boolean secret = role == Role.MARATHON || role == Role.CHRONOS;
            files.add(new RenderedFile(CONFIG_DIR + "/" + role.service() + ".env", role.service() + ".env.ftl",
                    templates.render(role.service() + ".env.ftl", model), secret ? "0600" : "0644", role));
            // masters and agents read the same rules (a node with both gets the file once)
            if (role == Role.MASTER || role == Role.AGENT && !node.has(Role.MASTER)) {
                files.add(file(ACLS_FILE, "mesos-acls.json.ftl", model, role));
            }
            if (role == Role.ZOOKEEPER) {
                files.add(file(CONFIG_DIR + "/zoo.cfg", "zoo.cfg.ftl", model, role));
                files.add(file(ZOOKEEPER_DATA_DIR + "/myid", "myid.ftl", model, role));
            }
            files.addAll(secrets.files(role));
        }
        return files;
    }

    /**
     * Whether the node gets {@link #SSHD_DROP_IN}: not on machines the plan does not own, and never when the
     * bootstrap logs in as root, which the drop-in would lock out.
     */
    private static boolean hardensSsh(BootstrapPlan plan, BootstrapNode node) {
        return plan.hardensSsh(node) && !"root".equals(node.ssh().user());
    }

    /**
     * Who may log in over SSH: the plan's login user, and the users the node's own cloud-config makes (the plan's
     * author asked for them); a name sshd would read as a pattern ({@code *}, {@code ?}, {@code @}) never.
     */
    private List<String> sshUsers(BootstrapPlan plan, BootstrapNode node) {
        List<String> users = new ArrayList<>(List.of(node.ssh().user()));
        planCloudConfig(plan, node).users().stream().filter(u -> USER_NAME.matcher(u).matches() && !users.contains(u))
                .forEach(users::add);
        return users;
    }

    private static boolean servesTls(BootstrapPlan plan, BootstrapNode node) {
        return plan.tls() != null && !node.roles().isEmpty();
    }

    /**
     * The authority and the node's certificate (public, no unit: the env files name the certificate's fingerprint, so
     * a new one restarts the services), and its key beside the cluster's other secrets; on a ZooKeeper node also
     * both in ZooKeeper's key store.
     */
    private List<RenderedFile> tlsFiles(IssuedCertificate issued, String authorityPem, boolean zookeeper) {
        List<RenderedFile> files = new ArrayList<>(List.of(
                new RenderedFile(ClusterTls.AUTHORITY_FILE, null, authorityPem, "0644", null),
                new RenderedFile(ClusterTls.CERTIFICATE_FILE, null, issued.certificatePem(), "0644", null),
                secret(TLS_KEY_FILE, issued.privateKeyPem())));
        if (zookeeper) {
            files.add(secret(ZOOKEEPER_KEY_STORE, issued.privateKeyPem() + issued.certificatePem()));
        }
        return files;
    }

    private RenderedFile secret(String path, String content) {
        return new RenderedFile(path, null, content, SecretFiles.MODE, null, "root:" + settings.serviceUser());
    }

    private RenderedFile file(String path, String template, Map<String, Object> model, Role role) {
        return new RenderedFile(path, template, templates.render(template, model), "0644", role);
    }

    private SecretFiles secretFiles(BootstrapPlan plan) {
        return new SecretFiles(plan.credentials(), ensemble(plan), settings.serviceUser());
    }

    /** {@code host:port,...} of the plan's ZooKeeper servers; null when it has none. */
    private String ensemble(BootstrapPlan plan) {
        List<BootstrapNode> zookeepers = plan.zookeepers();
        return zookeepers.isEmpty() ? null : zookeepers.stream()
                .map(z -> z.privateAddress() + ":" + settings.zookeeperClientPort())
                .collect(Collectors.joining(","));
    }

    /** The template model: plain maps, lists and scalars, so the templates see exactly these names. */
    Map<String, Object> model(BootstrapPlan plan, BootstrapNode node) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("plan", Map.of("name", plan.planName()));
        Map<String, Object> nodeModel = new LinkedHashMap<>();
        nodeModel.put("name", node.name());
        nodeModel.put("privateAddress", node.privateAddress());
        nodeModel.put("advertisedHostname", node.reachableAddress());
        nodeModel.put("cpu", node.cpu());
        nodeModel.put("memoryMb", node.memoryMb());
        model.put("node", nodeModel);
        model.put("login", Map.of("user", node.ssh().user()));
        model.put("sshUsers", String.join(" ", sshUsers(plan, node)));
        model.put("settings", settingsModel());
        model.put("limits", Map.of(
                "zookeeperMemoryMb", settings.zookeeperHeapMb() * 2 + 256,
                "masterMemoryMb", settings.masterHeapMb() * 2 + 256,
                "marathonMemoryMb", settings.marathonHeapMb() * 2 + 256,
                "chronosMemoryMb", settings.chronosHeapMb() * 2 + 256,
                "dnsMemoryMb", settings.dnsHeapMb() * 2 + 256));
        model.put("hosts", plan.nodes().stream()
                .map(n -> Map.of("address", n.privateAddress(), "name", n.name())).toList());

        List<BootstrapNode> zookeepers = plan.zookeepers();
        Map<String, Object> cluster = new LinkedHashMap<>();
        List<Map<String, Object>> servers = new ArrayList<>();
        for (int i = 0; i < zookeepers.size(); i++) {
            servers.add(Map.of("id", i + 1, "address", zookeepers.get(i).privateAddress()));
        }
        cluster.put("zookeepers", servers);
        model.put("secretFiles", secretFiles(plan).paths());
        model.put("zookeeperClientOpts", servesTls(plan, node) ? " " + ZOOKEEPER_CLIENT_TLS : "");
        if (servesTls(plan, node)) {
            model.put("tls", Map.of("certificateFile", ClusterTls.CERTIFICATE_FILE, "keyFile", TLS_KEY_FILE,
                    "authorityFile", ClusterTls.AUTHORITY_FILE, "zookeeperKeyStore", ZOOKEEPER_KEY_STORE,
                    "fingerprint", fingerprint(plan.tls().of(node.name()).certificatePem())));
        }
        model.put("principals", Map.of("marathon", ClusterCredentials.MARATHON, "chronos", ClusterCredentials.CHRONOS,
                "admin", ClusterCredentials.ADMIN, "agent", ClusterCredentials.AGENT, "dns", ClusterCredentials.DNS));
        if (!plan.masters().isEmpty()) {
            cluster.put("quorum", RuntimeSettings.quorum(plan.masters().size()));
        }
        model.put("cluster", cluster);

        int myid = zookeepers.indexOf(node) + 1;
        if (myid > 0) {
            model.put("zookeeper", Map.of("myid", myid));
        }
        // the one secret a template sees: Marathon and Chronos read their HTTP credentials from their (0600) env files
        String adminCredentials = ClusterCredentials.ADMIN + ":" + plan.credentials().admin();
        if (node.has(Role.MARATHON)) {
            model.put("marathon", Map.of("httpCredentials", adminCredentials));
        }
        if (node.has(Role.CHRONOS)) {
            model.put("chronos", Map.of("httpCredentials", adminCredentials));
        }
        if (node.has(Role.AGENT)) {
            model.put("agent", Map.of("memoryMb", settings.agentMemoryMb(node.memoryMb(), node.roles()),
                    "containerizers", node.installsDocker() ? "mesos,docker" : "mesos"));
        }
        return model;
    }

    private Map<String, Object> settingsModel() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("serviceUser", settings.serviceUser());
        s.put("javaCommand", settings.javaCommand());
        s.put("runtimeJar", settings.runtimeJar());
        s.put("zookeeperClientPort", settings.zookeeperClientPort());
        s.put("zookeeperTickMs", settings.zookeeperTickMs());
        s.put("masterPort", settings.masterPort());
        s.put("agentPort", settings.agentPort());
        s.put("marathonPort", settings.marathonPort());
        s.put("chronosPort", settings.chronosPort());
        s.put("dnsPort", settings.dnsPort());
        s.put("dnsHttpPort", settings.dnsHttpPort());
        s.put("zookeeperHeapMb", settings.zookeeperHeapMb());
        s.put("masterHeapMb", settings.masterHeapMb());
        s.put("marathonHeapMb", settings.marathonHeapMb());
        s.put("chronosHeapMb", settings.chronosHeapMb());
        s.put("taskUser", settings.taskUser());
        s.put("dnsHeapMb", settings.dnsHeapMb());
        s.put("agentHeapMb", settings.agentHeapMb());
        s.put("agentDiskMb", settings.agentDiskMb());
        s.put("agentPorts", settings.agentPorts());
        s.put("packages", settings.packages());
        s.put("ntpServers", settings.ntpServers());
        return s;
    }

    /** The first half of the certificate's SHA-256: enough to tell one certificate from the next. */
    private static String fingerprint(String pem) {
        return RenderedFile.sha256(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).substring(0, 32);
    }
}
