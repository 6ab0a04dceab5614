package io.plumbery.runtime.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbery.runtime.ClusterRuntime;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code dns} subcommand's flags: help, and bad input refused with exit code 2 before anything is bound. */
class DnsCommandTest {

    private static String[] run(String... args) {
        CommandLine cli = ClusterRuntime.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void helpShowsMesosDnsFlags() {
        String[] r = run("dns", "--help");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).contains("--master", "--domain", "--port", "--http_port", "--resolvers", "--refresh_seconds",
                "8123", "53");
        assertThat(run("--help")[1]).contains("dns");
    }

    @Test
    void badInputIsAUsageError() {
        String[] missing = run("dns");
        assertThat(missing[0]).isEqualTo("2");
        assertThat(missing[2]).contains("--master");
        String[] local = {"--listener", "127.0.0.1", "--port", "0", "--http_port", "0"};
        String[] resolver = run(concat(new String[] {"dns", "--master", "zk://127.0.0.1:1/mesos", "--resolvers",
                "127.0.0.1:53,dns.example.org"}, local));
        assertThat(resolver[0]).isEqualTo("2");
        assertThat(resolver[2]).contains("A resolver is an IP address", "dns.example.org");
        String[] domain = run(concat(new String[] {"dns", "--master", "zk://127.0.0.1:1/mesos", "--domain", "bad_domain"}, local));
        assertThat(domain[0]).isEqualTo("2");
        assertThat(domain[2]).contains("Not a valid domain name");
        assertThat(run(concat(new String[] {"dns", "--master", "zk://127.0.0.1:1/mesos", "--refresh_seconds", "0"}, local))[0])
                .isEqualTo("2");
        String[] master = run(concat(new String[] {"dns", "--master", "master1"}, local));
        assertThat(master[0]).isEqualTo("2");
        assertThat(master[2]).contains("host:port");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
