package io.plumbery.runtime.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Address;

/** Addresses of a host named in the master's state (agents, frameworks, masters). */
@FunctionalInterface
public interface HostResolver {
    /** IP literals of the host; empty when it cannot be resolved. */
    List<String> ips(String host);

    static boolean isIpLiteral(String host) {
        return Address.toByteArray(host, Address.IPv4) != null || Address.toByteArray(host, Address.IPv6) != null;
    }

    /** The address of an IP literal, without any lookup. */
    static InetAddress literal(String ip) {
        byte[] bytes = Address.toByteArray(ip, Address.IPv4);
        if (bytes == null) {
            bytes = Address.toByteArray(ip, Address.IPv6);
        }
        if (bytes == null) {
            throw new IllegalArgumentException("Not an IP address: " + ip);
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP address: " + ip, e);
        }
    }

    /** An IP literal as it is; a name through the system resolver (Mesos-DNS's {@code hostToIPs}). */
    static HostResolver system() {
        return host -> {
            if (isIpLiteral(host)) {
                return List.of(host);
            }
            try {
                List<String> out = new ArrayList<>();
                for (InetAddress address : InetAddress.getAllByName(host)) {
                    out.add(address.getHostAddress());
                }
                return out;
            } catch (UnknownHostException e) {
                return List.of();
            }
        };
    }
}
