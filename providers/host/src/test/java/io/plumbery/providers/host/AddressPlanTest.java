package io.plumbery.providers.host;

import io.plumbery.net.Subnet;
import io.plumbery.providers.ProviderException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AddressPlanTest {

    @Test
    void theHostTakesTheFirstAddressAndNodesStartAtTen() throws Exception {
        Subnet s = AddressPlan.parse("10.77.1.0/24");
        assertEquals("10.77.1.1", AddressPlan.hostAddress(s));
        PlanRecords.NetworkSpec net = new PlanRecords.NetworkSpec("web", "b", "10.77.1.0/24");
        assertEquals("10.77.1.10", AddressPlan.freeAddress(net, Set.of()));
        assertEquals("10.77.1.12", AddressPlan.freeAddress(net, Set.of("10.77.1.10", "10.77.1.11")));
        assertEquals("10.77.9.17", AddressPlan.hostAddress(AddressPlan.parse("10.77.9.16/28")));
    }

    @Test
    void aFullNetworkSaysSo() {
        PlanRecords.NetworkSpec net = new PlanRecords.NetworkSpec("tiny", "b", "10.77.9.16/28");
        ProviderException e = assertThrows(ProviderException.class, () -> AddressPlan.freeAddress(net,
                Set.of("10.77.9.26", "10.77.9.27", "10.77.9.28", "10.77.9.29", "10.77.9.30")));
        assertEquals("network tiny (10.77.9.16/28) has no free address left", e.getMessage());
    }

    @Test
    void rejectsWhatThisHostDoesNotBuild() {
        assertThrows(ProviderException.class, () -> AddressPlan.parse("10.77.1.5/24"));
        assertThrows(ProviderException.class, () -> AddressPlan.parse("10.77.1.0"));
        assertEquals("subnet prefix /8 is not supported (use /16 to /28)",
                assertThrows(ProviderException.class, () -> AddressPlan.parse("10.0.0.0/8")).getMessage());
        assertThrows(ProviderException.class, () -> AddressPlan.parse("10.77.1.0/30"));
        assertThrows(ProviderException.class, () -> AddressPlan.parse("10.777.1.0/24"));
        assertThrows(ProviderException.class, () -> AddressPlan.parse("a.b.c.d/24"));
    }
}
