package io.plumbery.runtime.cli;

import io.plumbery.runtime.service.Services;
import io.plumbery.runtime.zookeeper.ZooKeeperService;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cluster-runtime zookeeper --config zoo.cfg [--myid N]}. */
@Command(name = "zookeeper", mixinStandardHelpOptions = true,
        description = "Run a ZooKeeper server (standalone, or a quorum peer when zoo.cfg has server.N entries).")
public final class ZooKeeperCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "zoo.cfg (dataDir, clientPort, tickTime, server.N=...)")
    Path config;

    @Option(names = "--myid", description = "This server's id; written to dataDir/myid (quorum mode)")
    Integer myid;

    @Override
    public Integer call() throws Exception {
        ZooKeeperService zk = new ZooKeeperService(config, myid);
        zk.start();
        System.out.println("ZooKeeper " + (zk.isQuorum() ? "quorum peer" : "standalone") + " on client port "
                + zk.clientPort());
        Thread waiter = new Thread(() -> {
            try {
                zk.awaitStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.exit(1);
        }, "zookeeper-watch");
        waiter.setDaemon(true);
        waiter.start();
        return Services.runUntilShutdown(zk::close);
    }
}
