package io.plumbery.runtime.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/**
 * A stand-in upstream DNS server on 127.0.0.1 (our own UDP and TCP servers with a fixed handler): every A query
 * gets one address; it records what it was asked, so tests can see a query was forwarded.
 */
final class Upstream implements AutoCloseable {
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final UdpServer udp;
    private final TcpServer tcp;

    private Upstream(String address) throws Exception {
        DnsHandler handler = (wire, overTcp) -> {
            try {
                Message query = new Message(wire);
                queries.add(query.getQuestion().getName() + (overTcp ? " tcp" : " udp"));
                Message reply = new Message(query.getHeader().getID());
                reply.getHeader().setFlag(Flags.QR);
                reply.getHeader().setFlag(Flags.RA);
                reply.addRecord(query.getQuestion(), Section.QUESTION);
                reply.addRecord(new ARecord(query.getQuestion().getName(), DClass.IN, 30,
                        InetAddress.getByName(address)), Section.ANSWER);
                return reply.toWire();
            } catch (Exception e) {
                return null;
            }
        };
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        udp = new UdpServer(new InetSocketAddress(loopback, 0), handler, 2);
        tcp = new TcpServer(new InetSocketAddress(loopback, udp.port()), handler, 2);
        udp.start();
        tcp.start();
    }

    /** @param address an IP literal, the answer to every query */
    static Upstream start(String address) throws Exception {
        return new Upstream(address);
    }

    int port() {
        return udp.port();
    }

    List<String> queries() {
        return queries;
    }

    @Override
    public void close() throws Exception {
        udp.close();
        tcp.close();
    }
}
