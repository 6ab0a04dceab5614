package io.plumbery.runtime.dns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.election.FlagFile;
import io.plumbery.runtime.election.ZkUrl;
import io.plumbery.runtime.protocol.Json;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Settings of the DNS server, named after Mesos-DNS's {@code config.json} fields.
 *
 * @param master {@code zk://host:2181,.../mesos}, or {@code host:port[,host:port...]} of the masters, or a
 *        {@code file://} path holding either
 * @param listener address of the DNS sockets; {@code port} 0 picks a free one (the same for UDP and TCP)
 * @param resolvers upstream servers ({@code ip} or {@code ip:port}) for names outside the domain; none = REFUSED
 * @param forwardTimeout how long one upstream server may take to answer
 */
public record DnsConfig(String master, String domain, String listener, int port, String httpListener, int httpPort,
                        List<String> resolvers, Duration refresh, int ttl, Duration forwardTimeout,
                        Duration stateTimeout, boolean enforceRfc952, Duration zkSessionTimeout) {
    public static final String VERSION = "0.1.0-plumbery";

    public DnsConfig {
        domain = domain.toLowerCase(Locale.ROOT).replaceAll("^\\.+|\\.+$", "");
        if (domain.isEmpty() || !domain.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
            throw new IllegalArgumentException("Not a valid domain name: " + domain);
        }
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("A master (zk://.../mesos or host:port) is required");
        }
        String value = FlagFile.resolve(master);
        if (ZkUrl.isZk(value)) {
            ZkUrl.parse(value);
        } else if (!value.matches("[^,:\\s]+:\\d+(\\s*,\\s*[^,:\\s]+:\\d+)*")) {
            throw new IllegalArgumentException("Expected zk://host:port[,...]/path or host:port[,host:port...], got: "
                    + value);
        }
        resolvers = List.copyOf(resolvers);
    }

    /** Mesos-DNS's defaults: port 53, HTTP 8123, refresh and TTL 60 s, no upstream resolvers. */
    public static DnsConfig of(String master, String domain) {
        return new DnsConfig(master, domain, "0.0.0.0", 53, "0.0.0.0", 8123, List.of(), Duration.ofSeconds(60), 60,
                Duration.ofSeconds(5), Duration.ofSeconds(30), false, Duration.ofSeconds(4));
    }

    /** Both servers on one address: {@code port} and {@code httpPort} 0 pick free ports. */
    public DnsConfig withListener(String address, int port, int httpPort) {
        return new DnsConfig(master, domain, address, port, address, httpPort, resolvers, refresh, ttl,
                forwardTimeout, stateTimeout, enforceRfc952, zkSessionTimeout);
    }

    public DnsConfig withResolvers(List<String> upstream) {
        return new DnsConfig(master, domain, listener, port, httpListener, httpPort, upstream, refresh, ttl,
                forwardTimeout, stateTimeout, enforceRfc952, zkSessionTimeout);
    }

    public DnsConfig withRefresh(Duration every) {
        return new DnsConfig(master, domain, listener, port, httpListener, httpPort, resolvers, every, ttl,
                forwardTimeout, stateTimeout, enforceRfc952, zkSessionTimeout);
    }

    public Labels labels() {
        return enforceRfc952 ? Labels.RFC952 : Labels.RFC1123;
    }

    /** The SOA's primary name server, which also has an A record: {@code ns1.<domain>.}. */
    public String soaMname() {
        return "ns1." + domain + ".";
    }

    public String soaRname() {
        return "root.ns1." + domain + ".";
    }

    /** {@code GET /v1/config}: Mesos-DNS's Config JSON, with the fields this server has. */
    ObjectNode toJson(long serial) {
        ObjectNode o = Json.object();
        String value = FlagFile.resolve(master);
        boolean zk = ZkUrl.isZk(value);
        o.put("RefreshSeconds", refresh.toSeconds()).put("Port", port).put("Timeout", forwardTimeout.toSeconds())
                .put("StateTimeoutSeconds", stateTimeout.toSeconds()).put("HttpPort", httpPort).put("TTL", ttl)
                .put("SRVRecordDefaultWeight", DnsResolver.SRV_WEIGHT).put("SOASerial", serial)
                .put("SOARefresh", DnsResolver.SOA_REFRESH).put("SOARetry", DnsResolver.SOA_RETRY)
                .put("SOAExpire", DnsResolver.SOA_EXPIRE).put("SOAMinttl", ttl)
                .put("SOAMname", soaMname()).put("SOARname", soaRname());
        if (zk) {
            o.putNull("Masters");
        } else {
            Arrays.stream(value.split(",")).map(String::strip).forEach(o.putArray("Masters")::add);
        }
        o.putObject("ZoneResolvers");
        resolvers.forEach(o.putArray("Resolvers")::add);
        o.putArray("IPSources").add("netinfo").add("host");
        o.put("Zk", zk ? ZkUrl.mask(value) : "").put("Domain", domain).put("File", "").put("Listener", listener)
                .put("HTTPListener", httpListener).put("RecurseOn", !resolvers.isEmpty()).put("DnsOn", true)
                .put("HttpOn", true).put("ExternalOn", !resolvers.isEmpty()).put("EnforceRFC952", enforceRfc952)
                .put("SetTruncateBit", true).put("EnumerationOn", false);
        return o;
    }
}
