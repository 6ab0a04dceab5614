package io.plumbery.runtime.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.protocol.Json;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * mesos.v1.MachineID: a box holding agents, by hostname and/or IP. Two ids are the same machine when both fields are
 * equal, hostnames compared without case (as Mesos compares them); an agent's machine is its hostname and IP.
 */
public record MachineId(String hostname, String ip) {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    public MachineId {
        hostname = hostname == null || hostname.isEmpty() ? null : hostname;
        ip = ip == null || ip.isEmpty() ? null : ip;
    }

    private String key() {
        return hostname == null ? null : hostname.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MachineId m && java.util.Objects.equals(key(), m.key()) && java.util.Objects.equals(ip, m.ip);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(key(), ip);
    }

    public static MachineId of(JsonNode node) {
        return new MachineId(node.path("hostname").asText(null), node.path("ip").asText(null));
    }

    /** Why this id is not valid (Mesos's validation), or null. */
    public String invalid() {
        if (hostname == null && ip == null) {
            return "Both 'hostname' and 'ip' for a machine are empty";
        }
        if (ip != null && !IPV4.matcher(ip).matches()) {
            return "Failed to parse IPv4: " + ip;
        }
        return null;
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        if (hostname != null) {
            o.put("hostname", hostname);
        }
        if (ip != null) {
            o.put("ip", ip);
        }
        return o;
    }

    /** As Mesos prints a machine in logs and some texts: {@code hostname (ip)}, or the one it has. */
    public String display() {
        if (hostname != null && ip != null) {
            return hostname + " (" + ip + ")";
        }
        return hostname != null ? hostname : ip;
    }

    /** As Mesos names a machine in its error texts: its JSON. */
    @Override
    public String toString() {
        return toJson().toString();
    }
}
