package io.plumbery.runtime.marathon;

import java.net.InetAddress;
import java.net.ServerSocket;

/** A free port on 127.0.0.1, for a test ZooKeeper; shared with the cluster tests (this module's test-jar). */
final class TestPorts {
    private TestPorts() {
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
