package io.plumbery.runtime.marathon.mesos;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.protocol.Attribute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is left of one Mesos offer (JSON, snake_case) while tasks are placed on it: scalars and port ranges are
 * consumed as tasks are matched. Not thread-safe: one offer is matched by one thread.
 */
public final class OfferResources {
    private final String offerId;
    private final String agentId;
    private final String hostname;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final JsonNode allocationInfo;
    private double cpus;
    private double mem;
    private double disk;
    private final List<long[]> ports = new ArrayList<>();

    public OfferResources(JsonNode offer) {
        offerId = offer.path("id").path("value").asText();
        agentId = offer.path("agent_id").path("value").asText();
        hostname = offer.path("hostname").asText();
        JsonNode alloc = null;
        for (JsonNode r : offer.path("resources")) {
            if (alloc == null && r.has("allocation_info")) {
                alloc = r.path("allocation_info");
            }
            double v = r.path("scalar").path("value").asDouble();
            switch (r.path("name").asText()) {
                case "cpus" -> cpus += v;
                case "mem" -> mem += v;
                case "disk" -> disk += v;
                case "ports" -> r.path("ranges").path("range").forEach(range -> ports.add(
                        new long[] {range.path("begin").asLong(), range.path("end").asLong()}));
                default -> { }
            }
        }
        allocationInfo = alloc;
        for (JsonNode a : offer.path("attributes")) {
            String value = a.has("text") ? a.path("text").path("value").asText()
                    : a.has("scalar") ? trim(a.path("scalar").path("value").asDouble()) : a.path("set").toString();
            attributes.put(a.path("name").asText(), value);
        }
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    public String offerId() {
        return offerId;
    }

    public String agentId() {
        return agentId;
    }

    public String hostname() {
        return hostname;
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    public JsonNode allocationInfo() {
        return allocationInfo;
    }

    private static final double EPSILON = 1e-6;

    /** Marathon's reason names when the app does not fit, or empty when it does (ports not reserved yet). */
    public Optional<String> misfit(AppDefinition app) {
        if (app.isDocker() && !Attribute.DOCKER.text().value().equals(attributes.get(Attribute.DOCKER.name()))) {
            // an implicit constraint docker:true (Marathon has no reason of its own for it)
            return Optional.of("UnfulfilledConstraint");
        }
        if (cpus + EPSILON < app.cpus()) {
            return Optional.of("InsufficientCpus");
        }
        if (mem + EPSILON < app.mem()) {
            return Optional.of("InsufficientMemory");
        }
        if (disk + EPSILON < app.disk()) {
            return Optional.of("InsufficientDisk");
        }
        if (pickPorts(app, false).isEmpty()) {
            return Optional.of("InsufficientPorts");
        }
        return Optional.empty();
    }

    /** Takes the app's resources; the host ports chosen ({@link AppDefinition#hostPorts()}). */
    public List<Integer> take(AppDefinition app) {
        List<Integer> chosen = pickPorts(app, true).orElseThrow();
        cpus -= app.cpus();
        mem -= app.mem();
        disk -= app.disk();
        return chosen;
    }

    private Optional<List<Integer>> pickPorts(AppDefinition app, boolean consume) {
        List<long[]> free = new ArrayList<>();
        ports.forEach(r -> free.add(r.clone()));
        List<Integer> chosen = new ArrayList<>();
        for (AppDefinition.HostPort wanted : app.hostPorts()) {
            Integer got = wanted.exact() ? takeExact(free, wanted.port()) : takeAny(free);
            if (got == null) {
                return Optional.empty();
            }
            chosen.add(got);
        }
        if (consume) {
            ports.clear();
            ports.addAll(free);
        }
        return Optional.of(chosen);
    }

    private static Integer takeAny(List<long[]> free) {
        for (long[] r : free) {
            if (r[0] <= r[1]) {
                return (int) r[0]++;
            }
        }
        return null;
    }

    private static Integer takeExact(List<long[]> free, int port) {
        for (int i = 0; i < free.size(); i++) {
            long[] r = free.get(i);
            if (r[0] <= port && port <= r[1]) {
                free.remove(i);
                if (r[0] < port) {
                    free.add(new long[] {r[0], port - 1});
                }
                if (port < r[1]) {
                    free.add(new long[] {port + 1, r[1]});
                }
                return port;
            }
        }
        return null;
    }
}
