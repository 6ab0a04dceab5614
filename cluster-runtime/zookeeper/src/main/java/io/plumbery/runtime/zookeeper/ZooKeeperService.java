package io.plumbery.runtime.zookeeper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.zookeeper.server.ServerConfig;
import org.apache.zookeeper.server.ZooKeeperServerMain;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;
import org.apache.zookeeper.server.quorum.QuorumPeerMain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real ZooKeeper server in this JVM from a zoo.cfg: standalone without {@code server.N} entries, a quorum peer
 * (with {@code myid} in the data dir) with them. The admin server is always off.
 *
 * <p>{@code enforce.auth.enabled=true} with {@code enforce.auth.schemes=digest} refuses every client that has not
 * authenticated. With {@code secureClientPort} (and {@code serverCnxnFactory=...NettyServerCnxnFactory}, the
 * {@code ssl.*} keys) clients speak TLS; with {@code sslQuorum=true} the servers speak TLS to one another.
 * ZooKeeper reads these from system properties (zoo.cfg's keys it does not know become {@code zookeeper.KEY}), which
 * a JVM shares: each start sets the two enforce keys as its zoo.cfg says, absent ones included, and close puts back
 * every {@code zookeeper.*} property as it was before the start, so that one server's setting never reaches another
 * server of the same JVM (tests) started before or after it; servers running at the same time in one JVM share the
 * last setting.
 */
public final class ZooKeeperService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperService.class);

    private static final String[] ENFORCE_AUTH_KEYS = {"enforce.auth.enabled", "enforce.auth.schemes"};

    private final Path configFile;
    private final Map<String, String> before = new HashMap<>();
    private final Integer myid;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile StandaloneMain standalone;
    private volatile QuorumPeerMain quorum;
    private Thread thread;
    private QuorumPeerConfig config;

    /** @param myid written to dataDir/myid when given (quorum mode) */
    public ZooKeeperService(Path configFile, Integer myid) {
        this.configFile = configFile;
        this.myid = myid;
    }

    private static final class StandaloneMain extends ZooKeeperServerMain {
        final CountDownLatch serving = new CountDownLatch(1);

        @Override
        protected void serverStarted() {
            super.serverStarted();
            serving.countDown();
        }

        void stop() {
            shutdown();
        }
    }

    public void start() throws Exception {
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("zookeeper."))
                .forEach(k -> before.put(k, System.getProperty(k)));
        System.setProperty("zookeeper.admin.enableServer", "false");
        config = parse();
        thread = new Thread(this::run, "zookeeper-" + clientPort());
        thread.setDaemon(true);
        if (config.isDistributed()) {
            quorum = new QuorumPeerMain();
        } else {
            standalone = new StandaloneMain();
        }
        thread.start();
        if (standalone != null) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!standalone.serving.await(50, TimeUnit.MILLISECONDS)) {
                if (stopped.getCount() == 0 || System.nanoTime() > deadline) {
                    throw new IllegalStateException("ZooKeeper did not start", failure.get());
                }
            }
        }
    }

    private QuorumPeerConfig parse() throws IOException, QuorumPeerConfig.ConfigException {
        QuorumPeerConfig probe = new QuorumPeerConfig();
        java.util.Properties props = new java.util.Properties();
        try (var in = Files.newInputStream(configFile)) {
            props.load(in);
        }
        String dataDir = props.getProperty("dataDir");
        if (dataDir == null) {
            throw new IllegalArgumentException(configFile + ": dataDir is required");
        }
        Files.createDirectories(Path.of(dataDir));
        if (myid != null) {
            Files.writeString(Path.of(dataDir, "myid"), myid + "\n", StandardCharsets.US_ASCII);
        }
        enforceAuth(props);
        probe.parse(configFile.toString());
        return probe;
    }

    private static void enforceAuth(java.util.Properties props) {
        for (String key : ENFORCE_AUTH_KEYS) {
            String value = props.getProperty(key);
            if (value == null) {
                System.clearProperty("zookeeper." + key);
            } else {
                System.setProperty("zookeeper." + key, value.strip());
            }
        }
    }

    private void run() {
        try {
            if (quorum != null) {
                quorum.runFromConfig(config);
            } else {
                ServerConfig server = new ServerConfig();
                server.readFrom(config);
                standalone.runFromConfig(server);
            }
        } catch (Throwable t) {
            failure.set(t);
            LOG.error("ZooKeeper stopped with an error", t);
        } finally {
            stopped.countDown();
        }
    }

    public boolean isQuorum() {
        return quorum != null;
    }

    /** The client port: the plain one, or the TLS one ({@code secureClientPort}) when there is no plain one. */
    public int clientPort() {
        return (config.getClientPortAddress() != null ? config.getClientPortAddress()
                : config.getSecureClientPortAddress()).getPort();
    }

    /** Blocks until the server stops (for the CLI). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() throws Exception {
        if (quorum != null) {
            quorum.close();
        }
        if (standalone != null) {
            standalone.stop();
        }
        if (thread != null) {
            thread.join(10_000);
        }
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("zookeeper.") && !before.containsKey(k)).forEach(System::clearProperty);
        before.forEach(System::setProperty);
    }
}
