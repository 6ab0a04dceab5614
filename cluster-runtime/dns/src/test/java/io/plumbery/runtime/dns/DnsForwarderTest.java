package io.plumbery.runtime.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Forwarding to an upstream server on loopback (one of ours with a fixed answer); nothing leaves 127.0.0.1. */
class DnsForwarderTest {

    @Test
    void namesOutsideTheDomainAreForwardedOverTheProtocolTheyCameBy() throws Exception {
        try (Upstream upstream = Upstream.start("192.0.2.7")) {
            DnsResolver resolver = new DnsResolver(DnsResolverTest.CONFIG, () -> null,
                    new Forwarder(List.of("127.0.0.1:" + upstream.port()), Duration.ofSeconds(2)));
            for (boolean tcp : new boolean[] {false, true}) {
                Message query = DnsResolverTest.query("www.example.test.", Type.A);
                Message reply = new Message(resolver.reply(query.toWire(), tcp));
                assertThat(reply.getHeader().getID()).isEqualTo(query.getHeader().getID());
                assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
                assertThat(reply.getSection(Section.ANSWER)).extracting(r -> r.rdataToString()).containsExactly("192.0.2.7");
            }
            assertThat(upstream.queries()).containsExactly("www.example.test. udp", "www.example.test. tcp");
        }
    }

    @Test
    void anUpstreamThatDoesNotAnswerIsServfailAndTheNextOneIsTried() throws Exception {
        int silent;
        try (DatagramSocket unused = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            silent = unused.getLocalPort();
        }
        DnsResolver alone = new DnsResolver(DnsResolverTest.CONFIG, () -> null,
                new Forwarder(List.of("127.0.0.1:" + silent), Duration.ofMillis(300)));
        Message reply = new Message(alone.reply(DnsResolverTest.query("www.example.test.", Type.A).toWire(), false));
        assertThat(reply.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(reply.getHeader().getFlag(Flags.RA)).isTrue();

        try (Upstream upstream = Upstream.start("192.0.2.8")) {
            DnsResolver second = new DnsResolver(DnsResolverTest.CONFIG, () -> null, new Forwarder(
                    List.of("127.0.0.1:" + silent, "127.0.0.1:" + upstream.port()), Duration.ofMillis(300)));
            Message answered = new Message(second.reply(DnsResolverTest.query("a.example.test.", Type.A).toWire(), false));
            assertThat(answered.getSection(Section.ANSWER)).extracting(r -> r.rdataToString()).containsExactly("192.0.2.8");
        }
    }

    @Test
    void upstreamsMustBeAddresses() {
        assertThat(Forwarder.address("10.0.0.2")).isEqualTo(new InetSocketAddress("10.0.0.2", 53));
        assertThat(Forwarder.address("127.0.0.1:5353")).isEqualTo(new InetSocketAddress("127.0.0.1", 5353));
        assertThat(Forwarder.address("[::1]:5353").getPort()).isEqualTo(5353);
        assertThat(Forwarder.address("::1").getPort()).isEqualTo(53);
        assertThatThrownBy(() -> Forwarder.address("dns.example.org")).isInstanceOf(IllegalArgumentException.class);
    }
}
