package io.plumbery.providers.local;

import io.plumbery.net.Subnet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublicAddressTest {

    @Test
    void publicAddressIsTheLoopbackTwinOfThePrivateOne() {
        assertEquals("127.77.1.12", PublicAddress.of("10.77.1.12"));
        assertEquals("127.168.3.4", PublicAddress.of("192.168.3.4"));
        assertEquals(Subnet.parse("127.77.1.0/24"), PublicAddress.rangeOf(Subnet.parse("10.77.1.0/24")));
        assertEquals(Subnet.parse("127.0.0.0/8"), PublicAddress.rangeOf(Subnet.parse("10.0.0.0/7")));
    }

    @Test
    void reservedAndUsedLoopbackAddressesAreNeverTaken() {
        assertTrue(PublicAddress.refused(Subnet.parse("10.0.0.0/24"), List.of()).orElseThrow().contains("127.0.0.53"));
        assertTrue(PublicAddress.refused(Subnet.parse("192.0.0.0/16"), List.of()).isPresent(), "127.0.0.0/16");
        assertEquals(Optional.empty(), PublicAddress.refused(Subnet.parse("10.0.1.0/24"), List.of("127.0.0.1")));
        assertEquals(Optional.of("its nodes' public addresses would be 127.0.1.0/24, which takes 127.0.1.1, in use on "
                        + "this host; give the network another subnet"),
                PublicAddress.refused(Subnet.parse("10.0.1.0/24"), List.of("127.0.1.1", "127.9.9.9")));
    }

    @Test
    void theHostsLoopbackAddressesAreReadFromItsSocketsAndHostsFile() {
        List<String> tcp = List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 3500007F:0035 00000000:0000 0A 00000000:00000000 00:00000000 00000000   101        0 1",
                "   1: 0100007F:0C45 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 2",
                "   2: 0200000A:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3");
        assertEquals(List.of("127.0.0.53"), HostLoopback.listening(tcp, "0A"), "listening loopback sockets only");
        assertEquals(List.of("127.0.0.1", "127.0.1.1"), HostLoopback.named(List.of("127.0.0.1 localhost",
                "127.0.1.1\thost.example host # Debian", "# 127.9.9.9 commented", "::1 localhost", "10.0.0.2 other")));
    }
}
