package io.plumbery.runtime.marathon;

import static io.plumbery.runtime.marathon.TestPorts.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.plumbery.runtime.agent.AgentConfig;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.dns.DnsConfig;
import io.plumbery.runtime.dns.DnsServer;
import io.plumbery.runtime.election.Zk;
import io.plumbery.runtime.election.ZkUrl;
import io.plumbery.runtime.master.MasterConfig;
import io.plumbery.runtime.it.OpenResources;
import io.plumbery.runtime.master.MasterServer;
import io.plumbery.runtime.protocol.ResourceSpec;
import io.plumbery.runtime.zookeeper.ZooKeeperService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ZooKeeper that refuses clients without credentials, and a master, an agent and Marathon given
 * {@code zk://plumbery:SECRET@...} URLs (the agent's and Marathon's in {@code file://} flag values, as the deploy
 * writes them), and Mesos-DNS: elected, an app runs, the DNS finds the leader, every znode they made is closed to
 * another identity, and no output shows the password.
 */
class ZooKeeperCredentialsIT {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String SECRET = "s3cret-Zk-pw";
    @TempDir
    Path dir;
    @RegisterExtension
    final OpenResources open = new OpenResources();

    private String fileFlag(String name, String value) throws Exception {
        return Files.writeString(dir.resolve(name), value + "\n").toUri().toString();
    }

    @Test
    void masterAgentAndMarathonWorkWithCredentialsAndKeepTheirZnodesToThemselves() throws Exception {
        int port = freePort();
        Path cfg = Files.writeString(dir.resolve("zoo.cfg"), "tickTime=500\ndataDir=" + dir.resolve("zk")
                + "\nclientPort=" + port + "\nclientPortAddress=127.0.0.1\nenforce.auth.enabled=true\n"
                + "enforce.auth.schemes=digest\n", StandardCharsets.UTF_8);
        ZooKeeperService zk = open.keep(new ZooKeeperService(cfg, null));
        zk.start();
        String hosts = "127.0.0.1:" + port;
        String mesos = "zk://plumbery:" + SECRET + "@" + hosts + "/mesos";
        String mesosFile = fileFlag("zk-mesos", mesos);
        String marathonFile = fileFlag("zk-marathon", "zk://plumbery:" + SECRET + "@" + hosts + "/marathon");

        MasterServer master = open.keep(new MasterServer(MasterConfig.defaults("127.0.0.1", 0, mesos, dir.resolve("m"))
                .withTimeouts(Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(5),
                        Duration.ofSeconds(30))));
        master.start();
        AgentServer agent = open.keep(new AgentServer(AgentConfig.of("127.0.0.2", 0, mesosFile,
                ResourceSpec.parseResources("cpus:2;mem:2048;disk:1000;ports:[31000-31100]"), dir.resolve("a"))
                .withIntervals(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(2))));
        agent.start();
        await().atMost(WAIT).until(() -> master.isLeader() && agent.isRegistered());

        MarathonServer marathon = open.keep(new MarathonServer(MarathonConfig.of("127.0.0.1", 0, mesosFile, marathonFile)
                .withDeclineOfferSeconds(1)));
        marathon.start();
        await().atMost(WAIT).until(marathon::isLeader);
        MarathonClient api = new MarathonClient(marathon.endpoint());
        assertThat(api.send("POST", "/v2/apps", MarathonIT.app("/secured", 1, "")).status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> api.running("/secured").size() == 1);

        CuratorFramework intruder = open.keep(Zk.client(ZkUrl.parse("zk://intruder:guess@" + hosts + "/mesos"), 4000));
        intruder.start();
        for (String path : List.of("/mesos", "/mesos/registry", "/marathon", "/marathon/state", "/marathon/leader")) {
            assertThatThrownBy(() -> intruder.getChildren().forPath(path)).as(path)
                    .isInstanceOf(KeeperException.NoAuthException.class);
        }
        CuratorFramework runtime = open.keep(Zk.client(ZkUrl.parse(mesos), 4000));
        runtime.start();
        assertThat(runtime.getChildren().forPath("/marathon/state/apps")).containsExactly("secured");

        String flags = get("http://" + master.info().endpoint() + "/master/flags");
        assertThat(flags).contains("zk://plumbery:****@" + hosts + "/mesos").doesNotContain(SECRET);
        String agentFlags = get("http://127.0.0.2:" + agent.port() + "/flags");
        assertThat(agentFlags).contains(mesosFile).doesNotContain(SECRET);
        assertThat(api.get("/v2/info").raw().body()).contains(marathonFile).doesNotContain(SECRET);

        // Mesos-DNS finds the leading master through the same credentials, and shows the URL masked
        DnsServer dns = open.keep(new DnsServer(DnsConfig.of(mesos, "mesos").withListener("127.0.0.1", 0, 0)
                .withRefresh(Duration.ofSeconds(1))));
        dns.start();
        String dnsApi = "http://127.0.0.1:" + dns.httpPort();
        await().atMost(WAIT).ignoreExceptions().until(() -> get(dnsApi + "/v1/hosts/leader.mesos")
                .contains("\"ip\":\"127.0.0.1\""));
        assertThat(get(dnsApi + "/v1/config")).contains("zk://plumbery:****@" + hosts + "/mesos")
                .doesNotContain(SECRET);
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }
}
