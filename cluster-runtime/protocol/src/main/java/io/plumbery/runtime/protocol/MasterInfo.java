package io.plumbery.runtime.protocol;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * mesos.v1.MasterInfo, the JSON stored in the {@code json.info_NNNNNNNNNN} znodes. {@code ip} is the IPv4
 * address as a uint32 in network byte order read as a little-endian host integer, as Mesos stores it
 * (127.0.0.1 is 16777343).
 */
public record MasterInfo(String id, long ip, int port, String pid, String hostname, String version, Address address) {

    public static MasterInfo of(String id, String ip, String hostname, int port, String version) {
        return new MasterInfo(id, ipToUint32(ip), port, "master@" + ip + ":" + port, hostname, version,
                new Address(hostname, ip, port));
    }

    public static long ipToUint32(String ip) {
        try {
            byte[] b = InetAddress.getByName(ip).getAddress();
            if (b.length != 4) {
                return 0;
            }
            return (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | (b[3] & 0xFFL) << 24;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP address: " + ip, e);
        }
    }

    public static String uint32ToIp(long ip) {
        return (ip & 0xFF) + "." + (ip >> 8 & 0xFF) + "." + (ip >> 16 & 0xFF) + "." + (ip >> 24 & 0xFF);
    }

    /** host:port to reach this master's HTTP API. */
    public String endpoint() {
        String host = address != null && address.ip() != null ? address.ip() : uint32ToIp(ip);
        return host + ":" + port;
    }
}
