package io.plumbery.bootstrap.render;

import io.plumbery.bootstrap.model.ClusterCredentials;
import io.plumbery.bootstrap.model.ClusterCredentials.Principal;
import io.plumbery.bootstrap.model.Role;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The files of a node that hold the cluster's secrets, under {@link #DIR}, in the formats of Mesos, Marathon and
 * ZooKeeper: credentials files (JSON), the ZooKeeper URLs with the cluster's identity (read through {@code file://}),
 * Marathon's secret file. Units and env files name these paths only, so no secret reaches a command line. Each role
 * has files of its own, so a change restarts exactly the services that read it.
 */
final class SecretFiles {

    /** Made 0750 root:SERVICE_USER by the bootstrap: the services read it, nobody else does. */
    static final String DIR = "/etc/plumbery/secrets";
    /** Root writes, the services' group reads, others nothing. */
    static final String MODE = "0640";

    private final ClusterCredentials credentials;
    /** {@code host:port,...} of the ZooKeeper ensemble; null when the plan has none */
    private final String ensemble;
    private final String owner;

    SecretFiles(ClusterCredentials credentials, String ensemble, String serviceUser) {
        this.credentials = credentials;
        this.ensemble = ensemble;
        this.owner = "root:" + serviceUser;
    }

    /** Where each file is, by the name the templates use ({@code secretFiles.NAME}): every role's, for any node. */
    Map<String, String> paths() {
        Map<String, String> paths = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            entries(role).forEach(e -> paths.put(e.key(), e.path()));
        }
        return paths;
    }

    /** The files {@code role} reads, with their content. */
    List<RenderedFile> files(Role role) {
        return entries(role).stream()
                .map(e -> new RenderedFile(e.path(), null, e.content(), MODE, role, owner)).toList();
    }

    private record Entry(String key, String name, String content) {
        String path() {
            return DIR + "/" + name;
        }
    }

    private List<Entry> entries(Role role) {
        List<Entry> entries = new ArrayList<>();
        switch (role) {
            case ZOOKEEPER -> { }
            case MASTER -> {
                zk(entries, "masterZk", "mesos-master.zk", "/mesos");
                entries.add(new Entry("masterCredentials", "mesos-master.credentials.json",
                        credentialsFile(credentials.mesosPrincipals())));
            }
            case MARATHON -> {
                zk(entries, "marathonMasterZk", "marathon.master.zk", "/mesos");
                zk(entries, "marathonZk", "marathon.zk", "/marathon");
                entries.add(new Entry("marathonSecret", "marathon.secret", credentials.marathon() + "\n"));
            }
            case CHRONOS -> {
                zk(entries, "chronosMasterZk", "chronos.master.zk", "/mesos");
                zk(entries, "chronosZk", "chronos.zk", "/chronos");
                entries.add(new Entry("chronosSecret", "chronos.secret", credentials.chronos() + "\n"));
            }
            case MESOS_DNS -> {
                zk(entries, "dnsMasterZk", "mesos-dns.master.zk", "/mesos");
                entries.add(new Entry("dnsCredential", "mesos-dns.credential.json",
                        credentialFile(new Principal(ClusterCredentials.DNS, credentials.dns()))));
                entries.add(new Entry("dnsHttpCredentials", "mesos-dns.http_credentials.json",
                        credentialsFile(List.of(credentials.adminPrincipal()))));
            }
            case AGENT -> {
                zk(entries, "agentMasterZk", "mesos-agent.master.zk", "/mesos");
                entries.add(new Entry("agentCredential", "mesos-agent.credential.json",
                        credentialFile(new Principal(ClusterCredentials.AGENT, credentials.agent()))));
                entries.add(new Entry("agentHttpCredentials", "mesos-agent.http_credentials.json",
                        credentialsFile(List.of(credentials.adminPrincipal()))));
            }
        }
        return entries;
    }

    /** A ZooKeeper URL file, only when the plan has an ensemble (the templates then fail to render, and say why). */
    private void zk(List<Entry> entries, String key, String name, String path) {
        if (ensemble != null) {
            // no newline: the file's content is the URL itself, as Mesos reads --zk=file://
            entries.add(new Entry(key, name, credentials.zookeeperUrl(ensemble, path)));
        }
    }

    // secrets and principals are letters, digits and ._~- only (ClusterCredentials): nothing to escape in JSON
    private static String credentialFile(Principal p) {
        return json(p) + "\n";
    }

    private static String credentialsFile(List<Principal> principals) {
        return principals.stream().map(SecretFiles::json).collect(Collectors.joining(",", "{\"credentials\":[", "]}\n"));
    }

    private static String json(Principal p) {
        return "{\"principal\":\"" + p.name() + "\",\"secret\":\"" + p.secret() + "\"}";
    }
}
