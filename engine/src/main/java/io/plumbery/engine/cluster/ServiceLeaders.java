package io.plumbery.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Where each service of the cluster leads right now, asked of the masters in turn: the master's {@code /redirect}
 * (a 307 to the leading master, answered by any master), Marathon's {@code /v2/leader} and Chronos's {@code /leader}.
 * The leader is named as the service knows it (its {@code --hostname}), and reached at the address this machine
 * uses for that node.
 */
public final class ServiceLeaders {

    /** A service the cluster runs on every master, one of them leading. */
    public enum Service {
        MASTER("master", ClusterLayout.MASTER_PORT),
        MARATHON("marathon", ClusterLayout.MARATHON_PORT),
        CHRONOS("chronos", ClusterLayout.CHRONOS_PORT);

        private final String label;
        private final int port;

        Service(String label, int port) {
            this.label = label;
            this.port = port;
        }

        public String label() {
            return label;
        }
    }

    private final ClusterHttp http;
    private final List<ClusterLayout.Member> masters;
    private final ToIntFunction<Service> ports;

    public ServiceLeaders(ClusterHttp http, List<ClusterLayout.Member> masters) {
        this(http, masters, service -> service.port);
    }

    /** With the services on other ports than the deploy's (tests on loopback). */
    ServiceLeaders(ClusterHttp http, List<ClusterLayout.Member> masters, ToIntFunction<Service> ports) {
        this.http = http;
        this.masters = masters;
        this.ports = ports;
    }

    /** The leader's address and port from here; an IOException naming what each master answered when none did. */
    public InetSocketAddress leader(Service service) throws IOException {
        List<String> why = new ArrayList<>();
        int port = ports.applyAsInt(service);
        for (ClusterLayout.Member m : masters) {
            String base = "https://" + m.reachable() + ":" + port + "/";
            try {
                Optional<String> named = switch (service) {
                    case MASTER -> redirectHost(http.get(base + "redirect"));
                    case MARATHON -> hostOf(http.json(base + "v2/leader"));
                    case CHRONOS -> hostOf(http.json(base + "leader"));
                };
                if (named.isPresent()) {
                    return new InetSocketAddress(reachable(named.get()), port);
                }
                why.add(m.name() + " knows no leader");
            } catch (IOException e) {
                why.add(m.name() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }
        throw new IOException("no leading " + service.label + " answered (" + String.join("; ", why) + ")");
    }

    /** {@code //host:port} of a 307, or nothing (503: no leader elected). */
    private static Optional<String> redirectHost(HttpResponse<String> response) {
        return response.statusCode() / 100 != 3 ? Optional.empty()
                : response.headers().firstValue("Location").map(l -> URI.create(l).getHost());
    }

    /** {@code {"leader": "host:port"}} */
    private static Optional<String> hostOf(Optional<JsonNode> answer) {
        String leader = answer.map(a -> a.path("leader").asText("")).orElse("");
        return leader.isEmpty() ? Optional.empty() : Optional.of(leader.replaceFirst(":[0-9]+$", ""));
    }

    /** The node a service names as its host, by name or either address, at the address this machine uses. */
    private String reachable(String host) {
        return masters.stream()
                .filter(m -> host.equals(m.name()) || host.equals(m.privateAddress()) || host.equals(m.publicAddress()))
                .map(ClusterLayout.Member::reachable).findFirst().orElse(host);
    }
}
