package io.plumbery.runtime.dns;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of a master's {@code /master/state}, named as Mesos-DNS names them ({@code records/generator.go} and
 * its naming doc), for a domain such as {@code mesos}:
 * <ul>
 *   <li>{@code <task>.<framework>.mesos} A: the task's container IP if its status carries one, else its agent's;
 *       {@code <task>-<hash>-<agent tail>.<framework>.mesos} the same for one task; both again under
 *       {@code .<framework>.slave.mesos} with the agent's IP.</li>
 *   <li>{@code _<task>._tcp|_udp.<framework>[.slave].mesos} SRV: each host port of the task to its canonical
 *       {@code ...slave.mesos} name; with a DiscoveryInfo, its ports (optionally {@code _<port name>.}-prefixed) to
 *       the canonical name without {@code .slave}.</li>
 *   <li>{@code leader.mesos}, {@code master.mesos}, {@code master<N>.mesos}, {@code _leader._tcp|_udp.mesos};
 *       {@code slave.mesos}, {@code _slave._tcp.mesos}; {@code <framework>.mesos}; {@code ns1.mesos}.</li>
 * </ul>
 * Only TASK_RUNNING tasks on agents of the state get records.
 */
final class RecordGenerator {
    private final String tail;
    private final Labels spec;
    private final HostResolver hosts;

    RecordGenerator(String domain, Labels spec, HostResolver hosts) {
        this.tail = "." + domain + ".";
        this.spec = spec;
        this.hosts = hosts;
    }

    /**
     * @param masters host:port of every master known (from ZooKeeper or the command line), numbered in this order
     *                ({@code master0} is the leader when ZooKeeper names it)
     * @param nameServerIps addresses this server answers on, for {@code ns1.<domain>}
     */
    RecordSet generate(JsonNode state, List<String> masters, List<String> nameServerIps) {
        RecordSet.Builder out = RecordSet.builder();
        frameworks(state, out);
        Map<String, List<String>> agentIps = agents(state, out);
        nameServerIps.forEach(ip -> out.address("ns1" + tail, ip));
        masters(state.path("leader").asText(""), masters, out);
        for (JsonNode framework : state.path("frameworks")) {
            String fname = spec.domainFragment(framework.path("name").asText(""));
            for (JsonNode task : framework.path("tasks")) {
                List<String> ips = agentIps.get(task.path("slave_id").asText());
                if (!fname.isEmpty() && ips != null && task.path("state").asText().equals("TASK_RUNNING")) {
                    task(task, fname, ips, out);
                }
            }
        }
        return out.build();
    }

    /** {@code <framework>.<domain>} to its scheduler's host; {@code _framework._tcp} when its pid has a port. */
    private void frameworks(JsonNode state, RecordSet.Builder out) {
        for (JsonNode framework : state.path("frameworks")) {
            String fname = spec.domainFragment(framework.path("name").asText(""));
            HostPort pid = HostPort.ofPid(framework.path("pid").asText(""));
            String host = pid != null ? pid.host() : framework.path("hostname").asText("");
            if (fname.isEmpty() || host.isEmpty()) {
                continue;
            }
            String name = fname + tail;
            hosts.ips(host).forEach(ip -> out.address(name, ip));
            if (pid != null) {
                out.srv("_framework._tcp." + name, name, pid.port());
            }
        }
    }

    /** {@code slave.<domain>} and {@code _slave._tcp}; returns each agent's IPs by agent id. */
    private Map<String, List<String>> agents(JsonNode state, RecordSet.Builder out) {
        Map<String, List<String>> byId = new HashMap<>();
        for (JsonNode agent : state.path("slaves")) {
            HostPort pid = HostPort.ofPid(agent.path("pid").asText(""));
            String host = pid != null ? pid.host() : agent.path("hostname").asText("");
            List<String> ips = host.isEmpty() ? List.of() : hosts.ips(host);
            ips.forEach(ip -> out.address("slave" + tail, ip));
            if (pid != null && !ips.isEmpty()) {
                out.srv("_slave._tcp" + tail, "slave" + tail, pid.port());
            }
            byId.put(agent.path("id").asText(), ips);
        }
        return byId;
    }

    /** The leader from the state's {@code leader} pid; {@code master<N>} numbered in the order of {@code masters}. */
    private void masters(String leaderPid, List<String> masters, RecordSet.Builder out) {
        HostPort leader = HostPort.ofPid(leaderPid);
        if (leader != null) {
            for (String ip : hosts.ips(leader.host())) {
                out.address("leader" + tail, ip).address("master" + tail, ip);
            }
            out.srv("_leader._tcp" + tail, "leader" + tail, leader.port());
            out.srv("_leader._udp" + tail, "leader" + tail, leader.port());
        }
        int n = 0;
        for (String master : masters) {
            HostPort hp = HostPort.parse(master);
            if (hp == null) {
                continue;
            }
            String numbered = "master" + n++ + tail;
            for (String ip : hosts.ips(hp.host())) {
                out.address("master" + tail, ip).address(numbered, ip);
            }
        }
    }

    private void task(JsonNode task, String fname, List<String> agentIps, RecordSet.Builder out) {
        JsonNode discovery = task.path("discovery");
        boolean hasDiscovery = !discovery.path("name").asText("").isEmpty();
        String name = spec.label(hasDiscovery ? discovery.path("name").asText() : task.path("name").asText(""));
        if (name.isEmpty()) {
            return;
        }
        String canonical = name + "-" + Labels.hash(task.path("id").asText()) + "-"
                + Labels.agentIdTail(task.path("slave_id").asText()) + "." + fname;
        String plain = name + "." + fname;
        List<String> taskIps = containerIps(task);
        for (String ip : taskIps.isEmpty() ? agentIps : taskIps) {
            out.address(plain + tail, ip).address(canonical + tail, ip);
        }
        for (String ip : agentIps) {
            out.address(plain + ".slave" + tail, ip).address(canonical + ".slave" + tail, ip);
        }
        String agentTarget = canonical + ".slave" + tail;
        for (int port : ports(task.path("resources").path("ports").asText(""))) {
            for (String proto : List.of("tcp", "udp")) {
                String service = "_" + name + "._" + proto + "." + fname;
                out.srv(service + ".slave" + tail, agentTarget, port);
                if (!hasDiscovery) {
                    out.srv(service + tail, agentTarget, port);
                }
            }
        }
        for (JsonNode port : discovery.path("ports").path("ports")) {
            String proto = spec.label(port.path("protocol").asText(""));
            String portName = spec.label(port.path("name").asText(""));
            for (String p : proto.isEmpty() ? List.of("tcp", "udp") : List.of(proto)) {
                String service = "_" + name + "._" + p + "." + fname + tail;
                out.srv(service, canonical + tail, port.path("number").asInt());
                if (!portName.isEmpty()) {
                    out.srv("_" + portName + "." + service, canonical + tail, port.path("number").asInt());
                }
            }
        }
    }

    /**
     * Mesos-DNS's {@code netinfo} IP source: the addresses in the latest TASK_RUNNING status's
     * {@code container_status.network_infos}. Our agents report none, so tasks get their agent's IP.
     */
    static List<String> containerIps(JsonNode task) {
        JsonNode latest = null;
        for (JsonNode status : task.path("statuses")) {
            if (status.path("state").asText().equals("TASK_RUNNING")
                    && (latest == null || status.path("timestamp").asDouble() > latest.path("timestamp").asDouble())) {
                latest = status;
            }
        }
        List<String> ips = new ArrayList<>();
        if (latest != null) {
            for (JsonNode info : latest.path("container_status").path("network_infos")) {
                info.path("ip_addresses").forEach(a -> addIfIp(ips, a.path("ip_address").asText("")));
                addIfIp(ips, info.path("ip_address").asText(""));
            }
        }
        return ips;
    }

    private static void addIfIp(List<String> ips, String ip) {
        if (HostResolver.isIpLiteral(ip)) {
            ips.add(ip);
        }
    }

    /** Ports of a Mesos ranges string such as {@code [31000-31001, 31005-31005]}. */
    static List<Integer> ports(String ranges) {
        List<Integer> out = new ArrayList<>();
        String inner = ranges.replace("[", "").replace("]", "").strip();
        if (inner.isEmpty()) {
            return out;
        }
        for (String range : inner.split(",")) {
            String[] bounds = range.strip().split("-");
            try {
                int begin = Integer.parseInt(bounds[0].strip());
                int end = bounds.length > 1 ? Integer.parseInt(bounds[1].strip()) : begin;
                // bounded: a task holding a whole port range would otherwise flood the zone
                for (int p = begin; p <= end && out.size() < 1024; p++) {
                    out.add(p);
                }
            } catch (NumberFormatException e) {
                // not a range: skip it, as Mesos-DNS does
            }
        }
        return out;
    }

    /** The host and port of a {@code host:port} or of a libprocess pid {@code name@host:port}. */
    record HostPort(String host, int port) {
        static HostPort ofPid(String pid) {
            int at = pid.indexOf('@');
            return at < 0 ? null : parse(pid.substring(at + 1));
        }

        static HostPort parse(String hostPort) {
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0) {
                return null;
            }
            try {
                String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
                return new HostPort(host, Integer.parseInt(hostPort.substring(colon + 1)));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
