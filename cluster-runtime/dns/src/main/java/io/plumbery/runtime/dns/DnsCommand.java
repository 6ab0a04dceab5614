package io.plumbery.runtime.dns;

import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.http.Credentials;
import io.plumbery.runtime.http.FlagFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import io.plumbery.runtime.service.Services;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cluster-runtime dns --master zk://.../mesos --port 53 --http_port 8123 --domain mesos --resolvers ...}. */
@Command(name = "dns", mixinStandardHelpOptions = true,
        description = "Run a Mesos-DNS-compatible server: A and SRV records of running tasks, leader/master/slave"
                + " records, forwarding of other names, and Mesos-DNS's HTTP API.")
public final class DnsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--master", required = true, description = "zk://host:2181[,...]/mesos, or host:port[,host:port...] of the masters")
    String master;

    @Option(names = "--domain", defaultValue = "mesos", description = "Domain of the records (default ${DEFAULT-VALUE})")
    String domain;

    @Option(names = "--listener", defaultValue = "0.0.0.0", description = "Address of the DNS and HTTP servers (default ${DEFAULT-VALUE})")
    String listener;

    @Option(names = "--port", defaultValue = "53", description = "DNS port, UDP and TCP (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--http_port", defaultValue = "8123", description = "HTTP API port (default ${DEFAULT-VALUE})")
    int httpPort;

    @Option(names = "--resolvers", split = ",", description = "Upstream DNS servers (ip or ip:port) for names outside"
            + " the domain; without any, such queries are REFUSED")
    List<String> resolvers;

    @Option(names = "--refresh_seconds", defaultValue = "60", description = "Seconds between reads of the master's state (default ${DEFAULT-VALUE})")
    long refreshSeconds;

    @Option(names = "--ttl", defaultValue = "60", description = "TTL of the records, seconds (default ${DEFAULT-VALUE})")
    int ttl;

    @Option(names = "--timeout", defaultValue = "5", description = "Seconds an upstream resolver may take (default ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Option(names = "--state_timeout_seconds", defaultValue = "30", description = "Seconds the master may take to send its state (default ${DEFAULT-VALUE})")
    long stateTimeoutSeconds;

    @Option(names = "--enforce_rfc952", description = "Labels of at most 24 characters, not starting with a digit (Mesos-DNS's EnforceRFC952)")
    boolean enforceRfc952;

    @Option(names = "--mesos_credential", description = "Credential to read the master's state with (path or file://):"
            + " JSON {\"principal\":...,\"secret\":...} or 'principal secret'")
    String mesosCredential;

    @Option(names = "--http_credentials", description = "Credentials file asked of the HTTP API's callers (path or"
            + " file://), as the master's --credentials")
    String httpCredentials;

    @Override
    public Integer call() throws Exception {
        if (refreshSeconds < 1 || ttl < 0 || timeoutSeconds < 1 || stateTimeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--refresh_seconds, --timeout and"
                    + " --state_timeout_seconds must be at least 1, --ttl at least 0");
        }
        List<String> upstream = resolvers == null ? List.of()
                : resolvers.stream().map(String::strip).filter(r -> !r.isEmpty()).toList();
        DnsConfig config;
        try {
            // checked here so that a bad value is a usage error (exit 2) rather than a failed start
            upstream.forEach(Forwarder::address);
            HostResolver.literal(listener);
            config = new DnsConfig(master, domain, listener, port, listener, httpPort, upstream,
                    Duration.ofSeconds(refreshSeconds), ttl, Duration.ofSeconds(timeoutSeconds),
                    Duration.ofSeconds(stateTimeoutSeconds), enforceRfc952, Duration.ofSeconds(4));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        DnsServer server = new DnsServer(config, HostResolver.system(), auth());
        server.start();
        spec.commandLine().getOut().println("DNS for ." + config.domain() + " on " + listener + ":" + server.port()
                + " (UDP, TCP), HTTP on port " + server.httpPort()
                + (upstream.isEmpty() ? "; other names refused" : "; other names forwarded to " + upstream));
        spec.commandLine().getOut().flush();
        return Services.runUntilShutdown(server::close);
    }

    private DnsAuth auth() throws java.io.IOException {
        try {
            Path credential = FlagFile.of(mesosCredential);
            Path http = FlagFile.of(httpCredentials);
            return new DnsAuth(credential == null ? null : Credential.read(credential),
                    http == null ? null : Credentials.read(http));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
