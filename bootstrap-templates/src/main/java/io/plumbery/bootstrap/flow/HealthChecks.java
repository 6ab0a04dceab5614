package io.plumbery.bootstrap.flow;

import io.plumbery.bootstrap.model.BootstrapNode;
import io.plumbery.bootstrap.model.ClusterTls;
import io.plumbery.bootstrap.model.Role;
import io.plumbery.bootstrap.model.RuntimeSettings;
import io.plumbery.node.ssh.Shell;

/**
 * The health check of each service, as a shell command run on the node itself (exit 0 = healthy).
 *
 * <p>ZooKeeper: a TCP connect to its client port (bash {@code /dev/tcp}), because four-letter words such as
 * {@code ruok} may be disabled; it shows the server is up, not that the ensemble has a quorum (the master's
 * health depends on that). Master, agent, Marathon, Mesos-DNS: an HTTP GET that must answer 2xx, with curl when the
 * node has it, else with bash {@code /dev/tcp} alone. A 401 counts too: the deployed services ask for the cluster's
 * credentials, which the check does not hold, and a service that asks for them is up (Mesos-DNS's version endpoint
 * is part of its guarded API, and so is Chronos's {@code /leader}; the others' health endpoints are open, as in Mesos and
 * Marathon).
 */
final class HealthChecks {
    private HealthChecks() {
    }

    /** {@code tls}: the services speak HTTPS, with certificates of the plan's authority. */
    static String target(Role role, BootstrapNode node, RuntimeSettings s, boolean tls) {
        String ip = node.privateAddress();
        String scheme = tls ? "https://" : "http://";
        return switch (role) {
            case ZOOKEEPER -> "tcp://" + ip + ":" + s.zookeeperClientPort();
            case MASTER -> scheme + ip + ":" + s.masterPort() + s.masterHealthPath();
            case AGENT -> scheme + ip + ":" + s.agentPort() + s.agentHealthPath();
            case MARATHON -> scheme + ip + ":" + s.marathonPort() + s.marathonHealthPath();
            case CHRONOS -> scheme + ip + ":" + s.chronosPort() + s.chronosHealthPath();
            case MESOS_DNS -> scheme + ip + ":" + s.dnsHttpPort() + s.dnsHealthPath();
        };
    }

    /**
     * With TLS, curl verifies the service's certificate against the plan's authority; a node without curl can only
     * see the port open (bash speaks no TLS).
     */
    static String command(Role role, BootstrapNode node, RuntimeSettings s, boolean tls) {
        if (role == Role.ZOOKEEPER) {
            return tcpConnect(node.privateAddress(), s.zookeeperClientPort());
        }
        String url = target(role, node, s, tls);
        String cacert = tls ? "--cacert " + Shell.quote(ClusterTls.AUTHORITY_FILE) + " " : "";
        return "if command -v curl >/dev/null 2>&1; then curl -sS -o /dev/null --max-time 3 " + cacert
                + "-w '%{http_code}' " + Shell.quote(url) + " | grep -qE '^(2..|401)$'; else "
                + (tls ? tcpConnect(node.privateAddress(), port(role, s))
                        : bashHttpGet(node.privateAddress(), port(role, s), path(role, s))) + "; fi";
    }

    private static String tcpConnect(String host, int port) {
        return "timeout 3 bash -c " + Shell.quote("exec 3<>/dev/tcp/" + host + "/" + port);
    }

    /** An HTTP GET with bash alone (images without curl): healthy when the status line says 2xx or 401. */
    static String bashHttpGet(String host, int port, String path) {
        String script = "exec 3<>/dev/tcp/" + host + "/" + port + " && printf 'GET " + path
                + " HTTP/1.0\\r\\nHost: " + host + "\\r\\n\\r\\n' >&3 && head -n 1 <&3"
                + " | grep -qE '^HTTP/[0-9.]* (2|401)'";
        return "timeout 3 bash -c " + Shell.quote(script);
    }

    private static int port(Role role, RuntimeSettings s) {
        return switch (role) {
            case ZOOKEEPER -> s.zookeeperClientPort();
            case MASTER -> s.masterPort();
            case AGENT -> s.agentPort();
            case MARATHON -> s.marathonPort();
            case CHRONOS -> s.chronosPort();
            case MESOS_DNS -> s.dnsHttpPort();
        };
    }

    private static String path(Role role, RuntimeSettings s) {
        return switch (role) {
            case ZOOKEEPER -> "/";
            case MASTER -> s.masterHealthPath();
            case AGENT -> s.agentHealthPath();
            case MARATHON -> s.marathonHealthPath();
            case CHRONOS -> s.chronosHealthPath();
            case MESOS_DNS -> s.dnsHealthPath();
        };
    }
}
