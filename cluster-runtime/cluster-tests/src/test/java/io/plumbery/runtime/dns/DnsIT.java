package io.plumbery.runtime.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The DNS server against a real in-process cluster on loopback (ZooKeeper, a master on 127.0.0.1, agents on
 * 127.0.0.2-4, Marathon), asked with dnsjava's SimpleResolver over UDP and TCP. Names outside the domain go to an
 * upstream stand-in on 127.0.0.1: no query leaves loopback. Host names are IP literals only, so nothing is looked up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DnsIT {
    static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    static Path dir;
    DnsTestCluster cluster;
    Upstream upstream;
    DnsServer dns;
    final List<String> lookedUp = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        cluster = new DnsTestCluster(dir, 3);
        await().atMost(WAIT).until(cluster::ready);
        upstream = Upstream.start("192.0.2.53");
        DnsConfig config = DnsConfig.of(cluster.mesosUrl(), "mesos").withListener("127.0.0.1", 0, 0)
                .withResolvers(List.of("127.0.0.1:" + upstream.port())).withRefresh(Duration.ofMillis(500));
        dns = new DnsServer(config, host -> {
            if (HostResolver.isIpLiteral(host)) {
                return List.of(host);
            }
            lookedUp.add(host);
            return List.of();
        });
        dns.start();
        await().atMost(WAIT).until(dns::isReady);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {dns, upstream, cluster}) {
            if (c != null) {
                c.close();
            }
        }
        assertThat(lookedUp).as("no host name needed a lookup").isEmpty();
    }

    Message ask(String name, int type, boolean tcp) throws Exception {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", dns.port()));
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofSeconds(3));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }

    static Set<String> rdata(Message reply, int section) {
        return reply.getSection(section).stream().filter(r -> r.getType() != Type.OPT).map(Record::rdataToString)
                .collect(Collectors.toSet());
    }

    /** What the SRV answer must be for these Marathon tasks: each port to the task's canonical name. */
    static Set<String> expectedSrv(List<JsonNode> tasks) {
        Set<String> out = new HashSet<>();
        for (JsonNode task : tasks) {
            for (JsonNode port : task.path("ports")) {
                out.add("0 1 " + port.asInt() + " " + target(task));
            }
        }
        return out;
    }

    static String target(JsonNode task) {
        return "web-it-" + Labels.hash(task.path("id").asText()) + "-"
                + Labels.agentIdTail(task.path("slaveId").asText()) + ".marathon.slave.mesos.";
    }

    static Set<String> hosts(List<JsonNode> tasks) {
        return tasks.stream().map(t -> t.path("host").asText()).collect(Collectors.toSet());
    }

    @Test
    void tasksOfAMarathonAppHaveARecordsAndSrvRecordsThatFollowScaling() throws Exception {
        cluster.marathon("POST", "/v2/apps", "{\"id\":\"/it/web\",\"cmd\":\"sleep 600\",\"cpus\":0.1,\"mem\":16,"
                + "\"instances\":2,\"backoffSeconds\":0.2,\"portDefinitions\":[{\"port\":0},{\"port\":0}]}");
        await().atMost(WAIT).until(() -> cluster.running("/it/web").size() == 2);
        List<JsonNode> two = cluster.running("/it/web");
        await().atMost(WAIT).until(() -> rdata(ask("_web-it._tcp.marathon.mesos.", Type.SRV, false), Section.ANSWER)
                .equals(expectedSrv(two)));

        for (boolean tcp : new boolean[] {false, true}) {
            Message a = ask("web-it.marathon.mesos.", Type.A, tcp);
            assertThat(a.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(a.getHeader().getFlag(Flags.AA)).isTrue();
            assertThat(rdata(a, Section.ANSWER)).isEqualTo(hosts(two));

            Message srv = ask("_web-it._tcp.marathon.mesos.", Type.SRV, tcp);
            assertThat(rdata(srv, Section.ANSWER)).hasSize(4).isEqualTo(expectedSrv(two));
            for (JsonNode task : two) {
                assertThat(srv.getSection(Section.ADDITIONAL)).filteredOn(r -> r.getName().toString().equals(target(task)))
                        .extracting(Record::rdataToString).containsExactly(task.path("host").asText());
                assertThat(rdata(ask(target(task), Type.A, tcp), Section.ANSWER)).containsExactly(task.path("host").asText());
            }
            assertThat(rdata(ask("_web-it._udp.marathon.slave.mesos.", Type.SRV, tcp), Section.ANSWER))
                    .isEqualTo(expectedSrv(two));
        }

        cluster.marathon("PUT", "/v2/apps/it/web", "{\"instances\":3}");
        await().atMost(WAIT).until(() -> cluster.running("/it/web").size() == 3);
        List<JsonNode> three = cluster.running("/it/web");
        await().atMost(WAIT).until(() -> rdata(ask("_web-it._tcp.marathon.mesos.", Type.SRV, true), Section.ANSWER)
                .equals(expectedSrv(three)));
        assertThat(rdata(ask("web-it.marathon.mesos.", Type.A, false), Section.ANSWER)).isEqualTo(hosts(three));

        cluster.marathon("DELETE", "/v2/apps/it/web", null);
        await().atMost(WAIT).until(() -> ask("web-it.marathon.mesos.", Type.A, false).getRcode() == Rcode.NXDOMAIN);
    }

    @Test
    void leaderMastersAgentsAndFrameworks() throws Exception {
        assertThat(rdata(ask("leader.mesos.", Type.A, false), Section.ANSWER)).containsExactly("127.0.0.1");
        assertThat(rdata(ask("master.mesos.", Type.A, true), Section.ANSWER)).containsExactly("127.0.0.1");
        assertThat(rdata(ask("master0.mesos.", Type.A, false), Section.ANSWER)).containsExactly("127.0.0.1");
        Message leaderSrv = ask("_leader._tcp.mesos.", Type.SRV, false);
        assertThat(rdata(leaderSrv, Section.ANSWER)).containsExactly("0 1 " + cluster.master.port() + " leader.mesos.");
        assertThat(rdata(leaderSrv, Section.ADDITIONAL)).containsExactly("127.0.0.1");
        assertThat(rdata(ask("slave.mesos.", Type.A, false), Section.ANSWER))
                .containsExactlyInAnyOrder("127.0.0.2", "127.0.0.3", "127.0.0.4");
        assertThat(rdata(ask("marathon.mesos.", Type.A, false), Section.ANSWER)).containsExactly("127.0.0.1");
        assertThat(rdata(ask("ns1.mesos.", Type.A, false), Section.ANSWER)).containsExactly("127.0.0.1");
    }

    @Test
    void unknownNamesInTheDomainAreNxdomainWithTheSoa() throws Exception {
        for (boolean tcp : new boolean[] {false, true}) {
            Message reply = ask("nope.marathon.mesos.", Type.A, tcp);
            assertThat(reply.getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(reply.getHeader().getFlag(Flags.AA)).isTrue();
            assertThat(reply.getSection(Section.AUTHORITY)).singleElement()
                    .satisfies(soa -> assertThat(soa.getType()).isEqualTo(Type.SOA));
        }
    }

    @Test
    void namesOutsideTheDomainAreForwardedToTheUpstream() throws Exception {
        for (boolean tcp : new boolean[] {false, true}) {
            Message reply = ask("www.example.test.", Type.A, tcp);
            assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(reply.getHeader().getFlag(Flags.AA)).isFalse();
            assertThat(rdata(reply, Section.ANSWER)).containsExactly("192.0.2.53");
        }
        assertThat(upstream.queries()).contains("www.example.test. udp", "www.example.test. tcp");
    }

    @Test
    void httpApiAsMesosDns() throws Exception {
        String base = "http://127.0.0.1:" + dns.httpPort();
        JsonNode version = cluster.call(base + "/v1/version", "GET", null);
        assertThat(version.path("Service").asText()).isEqualTo("Mesos-DNS");
        JsonNode config = cluster.call(base + "/v1/config", "GET", null);
        assertThat(config.path("Zk").asText()).isEqualTo(cluster.mesosUrl());
        assertThat(config.path("Domain").asText()).isEqualTo("mesos");
        assertThat(config.path("Resolvers").get(0).asText()).isEqualTo("127.0.0.1:" + upstream.port());
        assertThat(cluster.call(base + "/v1/hosts/leader.mesos", "GET", null).toString())
                .isEqualTo("[{\"host\":\"leader.mesos.\",\"ip\":\"127.0.0.1\"}]");
        assertThat(cluster.call(base + "/v1/services/_leader._tcp.mesos.", "GET", null).toString())
                .isEqualTo("[{\"service\":\"_leader._tcp.mesos.\",\"host\":\"leader.mesos.\",\"ip\":\"127.0.0.1\",\"port\":\""
                        + cluster.master.port() + "\"}]");
        assertThat(cluster.call(base + "/v1/hosts/nope.mesos", "GET", null).toString())
                .isEqualTo("[{\"host\":\"\",\"ip\":\"\"}]");
    }

    /**
     * Not a benchmark: the median and 99th percentile of sequential UDP queries on loopback, printed. A plain
     * socket is the client, so that the time is the server's (dnsjava's resolver adds its own selector hops).
     */
    @Test
    void queryLatencyOnLoopback() throws Exception {
        byte[] query = Message.newQuery(Record.newRecord(Name.fromString("leader.mesos."), Type.A, DClass.IN)).toWire();
        List<Long> micros = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", dns.port()));
            socket.setSoTimeout(3_000);
            DatagramPacket reply = new DatagramPacket(new byte[512], 512);
            for (int i = 0; i < 2_000; i++) {
                long start = System.nanoTime();
                socket.send(new DatagramPacket(query, query.length));
                socket.receive(reply);
                if (i >= 500) { // after warm-up
                    micros.add((System.nanoTime() - start) / 1000);
                }
            }
            assertThat(new Message(Arrays.copyOf(reply.getData(), reply.getLength())).getRcode()).isEqualTo(Rcode.NOERROR);
        }
        micros.sort(Long::compare);
        System.out.printf("DnsIT: %d UDP queries of leader.mesos A, median %d us, p99 %d us%n", micros.size(),
                micros.get(micros.size() / 2), micros.get(micros.size() * 99 / 100));
        assertThat(micros.get(micros.size() / 2)).isLessThan(100_000);
    }
}
