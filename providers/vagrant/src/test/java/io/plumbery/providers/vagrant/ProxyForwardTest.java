package io.plumbery.providers.vagrant;

import io.plumbery.net.Subnet;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProxyForwardTest {

    @Test
    void theGatewaysProxyPortOfTheNetworksOwnAddressesGoesToTheLoopbackListener() {
        assertEquals("PREROUTING -i pv-abcdef-0123 -s 10.77.3.0/24 -d 10.77.3.1 -p tcp --dport 3149 -m comment "
                        + "--comment plumbery-package-proxy -j DNAT --to-destination 127.0.0.1",
                String.join(" ", ProxyForward.rule("pv-abcdef-0123", Subnet.parse("10.77.3.0/24"))));
    }

    @Test
    void whatANodeAddressesToTheHostsLoopbackIsDroppedBeforeAnyForward() {
        assertEquals("PREROUTING -i pv-abcdef-0123 -d 127.0.0.0/8 -m comment --comment plumbery-loopback-guard -j DROP",
                String.join(" ", ProxyForward.guard("pv-abcdef-0123")));
    }
}
