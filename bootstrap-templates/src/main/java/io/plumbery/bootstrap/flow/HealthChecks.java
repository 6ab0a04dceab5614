package io.plumbery.bootstrap.flow;

import io.plumbery.bootstrap.model.BootstrapNode;
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
 * is part of its guarded API; the others' health endpoints are open, as in Mesos and Marathon).
 */
final class HealthChecks {
    private HealthChecks() {
    }

    static String target(Role role, BootstrapNode node, RuntimeSettings s) {
        String ip = node.privateAddress();
        return switch (role) {
            case ZOOKEEPER -> "tcp://" + ip + ":" + s.zookeeperClientPort();
            case MASTER -> "http://" + ip + ":" + s.masterPort() + s.masterHealthPath();
            case AGENT -> "http://" + ip + ":" + s.agentPort() + s.agentHealthPath();
            case MARATHON -> "http://" + ip + ":" + s.marathonPort() + s.marathonHealthPath();
            case MESOS_DNS -> "http://" + ip + ":" + s.dnsHttpPort() + s.dnsHealthPath();
        };
    }

    static String command(Role role, BootstrapNode node, RuntimeSettings s) {
        if (role == Role.ZOOKEEPER) {
            return "timeout 3 bash -c " + Shell.quote("exec 3<>/dev/tcp/" + node.privateAddress() + "/" + s.zookeeperClientPort());
        }
        String url = target(role, node, s);
        return "if command -v curl >/dev/null 2>&1; then curl -sS -o /dev/null --max-time 3 -w '%{http_code}' "
                + Shell.quote(url) + " | grep -qE '^(2..|401)$'; else "
                + bashHttpGet(node.privateAddress(), port(role, s), path(role, s)) + "; fi";
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
            case MESOS_DNS -> s.dnsHttpPort();
        };
    }

    private static String path(Role role, RuntimeSettings s) {
        return switch (role) {
            case ZOOKEEPER -> "/";
            case MASTER -> s.masterHealthPath();
            case AGENT -> s.agentHealthPath();
            case MARATHON -> s.marathonHealthPath();
            case MESOS_DNS -> s.dnsHealthPath();
        };
    }
}
