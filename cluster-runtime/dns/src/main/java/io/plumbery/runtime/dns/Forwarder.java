package io.plumbery.runtime.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;

/**
 * Forwards queries outside the domain to the upstream servers, each in turn until one answers (Mesos-DNS's
 * {@code exchanger.Forwarder}), over the protocol the query came in by.
 */
final class Forwarder {
    private final List<SimpleResolver> udp = new ArrayList<>();
    private final List<SimpleResolver> tcp = new ArrayList<>();

    /** @param upstreams {@code ip} or {@code ip:port} (53 by default); {@code [v6]:port} for IPv6 with a port */
    Forwarder(List<String> upstreams, Duration timeout) {
        for (String upstream : upstreams) {
            InetSocketAddress address = address(upstream.strip());
            udp.add(resolver(address, timeout, false));
            tcp.add(resolver(address, timeout, true));
        }
    }

    boolean isEmpty() {
        return udp.isEmpty();
    }

    /** The first upstream answer, with the query's id; the last failure when none answers. */
    Message forward(Message query, boolean overTcp) throws IOException {
        IOException last = new IOException("no upstream resolver");
        for (SimpleResolver resolver : overTcp ? tcp : udp) {
            try {
                Message answer = resolver.send(query.clone());
                answer.getHeader().setID(query.getHeader().getID());
                return answer;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private static SimpleResolver resolver(InetSocketAddress address, Duration timeout, boolean overTcp) {
        SimpleResolver resolver = new SimpleResolver(address);
        resolver.setTimeout(timeout);
        resolver.setTCP(overTcp);
        return resolver;
    }

    /** Parses an upstream without any name lookup: it must be an IP literal. */
    static InetSocketAddress address(String upstream) {
        String host = upstream;
        String port = "53";
        int colon = upstream.lastIndexOf(':');
        if (upstream.startsWith("[") && upstream.contains("]")) {
            int close = upstream.indexOf(']');
            host = upstream.substring(1, close);
            port = close + 2 <= upstream.length() ? upstream.substring(close + 2) : port;
        } else if (colon > 0 && upstream.indexOf(':') == colon) {
            host = upstream.substring(0, colon);
            port = upstream.substring(colon + 1);
        }
        if (!HostResolver.isIpLiteral(host) || !port.matches("\\d{1,5}") || Integer.parseInt(port) > 65_535) {
            throw new IllegalArgumentException("A resolver is an IP address, optionally with :port; got " + upstream);
        }
        return new InetSocketAddress(HostResolver.literal(host), Integer.parseInt(port));
    }
}
