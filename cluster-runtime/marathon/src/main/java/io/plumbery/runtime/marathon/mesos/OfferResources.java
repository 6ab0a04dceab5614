package io.plumbery.runtime.marathon.mesos;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.protocol.Attribute;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What is left of one Mesos offer (JSON, snake_case) while tasks are placed on it: scalars and port ranges are
 * consumed as tasks are matched, from the pool of each reservation role ({@code *} for unreserved resources), so that an
 * app takes only what its {@code acceptedResourceRoles} allow. Not thread-safe: one offer is matched by one thread.
 */
public final class OfferResources {
    /** Every role's resources: an app that names no accepted roles may use all of them. */
    public static final Set<String> ANY_ROLE = Set.of();

    private final String offerId;
    private final String agentId;
    private final String hostname;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final JsonNode allocationInfo;
    /** by reservation role, reserved roles first and {@code *} last: what a task takes comes from them in order */
    private final Map<String, Pool> pools = new TreeMap<>(Comparator.comparing((String r) -> r.equals(UNRESERVED))
            .thenComparing(Comparator.naturalOrder()));

    static final String UNRESERVED = "*";

    /** The resources of one reservation role; {@code reservations} as the offer gives them (null when unreserved). */
    static final class Pool {
        final String role;
        final JsonNode reservations;
        double cpus;
        double mem;
        double disk;
        final List<long[]> ports = new ArrayList<>();

        Pool(String role, JsonNode reservations) {
            this.role = role;
            this.reservations = reservations;
        }
    }

    /** What one task takes from one pool. */
    public record Portion(String role, JsonNode reservations, double cpus, double mem, double disk, List<Integer> ports) {
    }

    /** What one task takes: its host ports in the app's order, and where each part comes from. */
    public record Taken(List<Integer> ports, List<Portion> portions) {
    }

    public OfferResources(JsonNode offer) {
        offerId = offer.path("id").path("value").asText();
        agentId = offer.path("agent_id").path("value").asText();
        hostname = offer.path("hostname").asText();
        JsonNode alloc = null;
        for (JsonNode r : offer.path("resources")) {
            if (alloc == null && r.has("allocation_info")) {
                alloc = r.path("allocation_info");
            }
            String role = reservationRole(r);
            Pool pool = pools.computeIfAbsent(role, k -> new Pool(k, role.equals(UNRESERVED) ? null
                    : r.path("reservations")));
            double v = r.path("scalar").path("value").asDouble();
            switch (r.path("name").asText()) {
                case "cpus" -> pool.cpus += v;
                case "mem" -> pool.mem += v;
                case "disk" -> pool.disk += v;
                case "ports" -> r.path("ranges").path("range").forEach(range -> pool.ports.add(
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

    /**
     * The role a resource is reserved for: the last of its {@code reservations} (Mesos's reservation refinement), else
     * its pre-refinement {@code role}, else {@code *} (unreserved).
     */
    static String reservationRole(JsonNode resource) {
        JsonNode reservations = resource.path("reservations");
        if (reservations.isArray() && !reservations.isEmpty()) {
            return reservations.get(reservations.size() - 1).path("role").asText(UNRESERVED);
        }
        return resource.path("role").asText(UNRESERVED);
    }

    /** The role the offer was allocated to ({@code allocation_info}), {@code *} when it says none. */
    public String allocationRole() {
        return allocationInfo == null ? UNRESERVED : allocationInfo.path("role").asText(UNRESERVED);
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

    /** As {@link #misfit(AppDefinition, Set)} with every role's resources. */
    public Optional<String> misfit(AppDefinition app) {
        return misfit(app, ANY_ROLE);
    }

    /**
     * Marathon's reason names when the app does not fit in the resources of the {@code accepted} reservation roles
     * ({@link #ANY_ROLE}: all of them), or empty when it does (ports not reserved yet).
     */
    public Optional<String> misfit(AppDefinition app, Set<String> accepted) {
        if (app.isDocker() && !Attribute.DOCKER.text().value().equals(attributes.get(Attribute.DOCKER.name()))) {
            // an implicit constraint docker:true (Marathon has no reason of its own for it)
            return Optional.of("UnfulfilledConstraint");
        }
        List<Pool> usable = usable(accepted);
        if (usable.isEmpty()) {
            return Optional.of("UnfulfilledRole");
        }
        if (usable.stream().mapToDouble(p -> p.cpus).sum() + EPSILON < app.cpus()) {
            return Optional.of("InsufficientCpus");
        }
        if (usable.stream().mapToDouble(p -> p.mem).sum() + EPSILON < app.mem()) {
            return Optional.of("InsufficientMemory");
        }
        if (usable.stream().mapToDouble(p -> p.disk).sum() + EPSILON < app.disk()) {
            return Optional.of("InsufficientDisk");
        }
        if (pickPorts(app, usable, false).isEmpty()) {
            return Optional.of("InsufficientPorts");
        }
        return Optional.empty();
    }

    /** Takes the app's resources from every role's; the host ports chosen ({@link AppDefinition#hostPorts()}). */
    public List<Integer> take(AppDefinition app) {
        return take(app, ANY_ROLE).ports();
    }

    /** Takes the app's resources from the accepted roles' pools, reserved ones first, after {@link #misfit} said none. */
    public Taken take(AppDefinition app, Set<String> accepted) {
        List<Pool> usable = usable(accepted);
        List<PortPick> picks = pickPorts(app, usable, true).orElseThrow();
        double cpus = app.cpus();
        double mem = app.mem();
        double disk = app.disk();
        List<Portion> portions = new ArrayList<>();
        for (Pool p : usable) {
            double c = Math.min(cpus, p.cpus);
            double m = Math.min(mem, p.mem);
            double d = Math.min(disk, p.disk);
            List<Integer> ports = picks.stream().filter(k -> k.pool() == p).map(PortPick::port).toList();
            if (c > 0 || m > 0 || d > 0 || !ports.isEmpty()) {
                p.cpus -= c;
                p.mem -= m;
                p.disk -= d;
                cpus -= c;
                mem -= m;
                disk -= d;
                portions.add(new Portion(p.role, p.reservations, c, m, d, ports));
            }
        }
        return new Taken(picks.stream().map(PortPick::port).toList(), portions);
    }

    private List<Pool> usable(Set<String> accepted) {
        return pools.values().stream().filter(p -> accepted.isEmpty() || accepted.contains(p.role)).toList();
    }

    /** A host port chosen for a task, and the pool it is taken from. */
    private record PortPick(int port, Pool pool) {
    }

    /** The app's host ports, in its order, from the pools' free ranges; consumed only when {@code consume}. */
    private static Optional<List<PortPick>> pickPorts(AppDefinition app, List<Pool> usable, boolean consume) {
        Map<Pool, List<long[]>> free = new java.util.LinkedHashMap<>();
        usable.forEach(p -> free.put(p, new ArrayList<>(p.ports.stream().map(long[]::clone).toList())));
        List<PortPick> chosen = new ArrayList<>();
        for (AppDefinition.HostPort wanted : app.hostPorts()) {
            PortPick got = null;
            for (Map.Entry<Pool, List<long[]>> e : free.entrySet()) {
                Integer port = wanted.exact() ? takeExact(e.getValue(), wanted.port()) : takeAny(e.getValue());
                if (port != null) {
                    got = new PortPick(port, e.getKey());
                    break;
                }
            }
            if (got == null) {
                return Optional.empty();
            }
            chosen.add(got);
        }
        if (consume) {
            free.forEach((pool, ranges) -> {
                pool.ports.clear();
                pool.ports.addAll(ranges);
            });
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
