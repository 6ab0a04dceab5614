package io.plumbery.runtime.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DNS over UDP: one thread receives, a bounded pool answers (forwarding may block a worker up to the upstream
 * timeout); when the pool and its queue are full the query is dropped and the client retries, as with any DNS
 * server under load.
 */
final class UdpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UdpServer.class);
    private static final int MAX_DATAGRAM = 65_535;

    private final DatagramSocket socket;
    private final DnsHandler handler;
    private final ThreadPoolExecutor workers;
    private final Thread receiver;

    UdpServer(InetSocketAddress bind, DnsHandler handler, int threads) throws IOException {
        this.socket = new DatagramSocket(bind);
        this.handler = handler;
        this.workers = Workers.bounded("dns-udp", threads, 1024, new ThreadPoolExecutor.DiscardPolicy());
        this.receiver = Workers.daemon("dns-udp-receive", this::receive);
    }

    void start() {
        receiver.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void receive() {
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(new byte[MAX_DATAGRAM], MAX_DATAGRAM);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warn("UDP receive failed: {}", e.toString());
                }
                continue;
            }
            byte[] query = Arrays.copyOf(packet.getData(), packet.getLength());
            SocketAddress client = packet.getSocketAddress();
            workers.execute(() -> answer(query, client));
        }
    }

    private void answer(byte[] query, SocketAddress client) {
        try {
            byte[] reply = handler.reply(query, false);
            if (reply != null) {
                socket.send(new DatagramPacket(reply, reply.length, client));
            }
        } catch (IOException e) {
            LOG.debug("Reply to {} not sent: {}", client, e.toString());
        } catch (RuntimeException e) {
            LOG.warn("Query from {} failed", client, e);
        }
    }

    @Override
    public void close() {
        socket.close();
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
