package io.plumbery.runtime.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.Option;

/**
 * The flags a framework's command shares with the others (Marathon's and Chronos's names): the master it registers
 * with, where its API listens and by which name it is reached, and its failover timeout. Each command gives its own
 * default port.
 */
public final class FrameworkOptions {
    @Option(names = "--hostname", description = "Name (or address) other instances and clients reach this one by"
            + " (default: this machine's host name)")
    private String hostname;

    @Option(names = "--http_address", defaultValue = "0.0.0.0", description = "Address to bind (default ${DEFAULT-VALUE})")
    private String httpAddress;

    // no defaultValue: the field's value, set by the command, is the default
    @Option(names = "--http_port", description = "HTTP port (default ${DEFAULT-VALUE})")
    private int httpPort;

    @Option(names = "--master", required = true, description = "zk://host:2181[,host:2181...]/mesos or host:port")
    private String master;

    @Option(names = "--failover_timeout", defaultValue = "604800", description = "Framework failover timeout, seconds (default ${DEFAULT-VALUE})")
    private double failoverTimeout;

    public FrameworkOptions(int defaultHttpPort) {
        this.httpPort = defaultHttpPort;
    }

    /** The name given, else this machine's. */
    public String hostname() {
        return hostname != null ? hostname : localHostName();
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    public String httpAddress() {
        return httpAddress;
    }

    public int httpPort() {
        return httpPort;
    }

    public String master() {
        return master;
    }

    public double failoverTimeoutSeconds() {
        return failoverTimeout;
    }
}
