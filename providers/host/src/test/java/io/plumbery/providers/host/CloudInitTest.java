package io.plumbery.providers.host;

import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.ProviderException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloudInitTest {

    private static final NetworkRecord NET = new NetworkRecord("n", "web", "10.77.1.0/24", null);

    private static NodeRequest request(String userData) {
        return new NodeRequest("web", NET, 1, 512, List.of(), "debian", userData);
    }

    @Test
    void theUserDataGivenIsWrittenAsIs() throws ProviderException {
        String mine = "#cloud-config\nruncmd:\n  - echo hi";
        assertEquals(mine + "\n", CloudInit.userData(request(mine)));
        assertEquals(mine + "\n", CloudInit.userData(request(mine + "\n")));
    }

    @Test
    void aRequestWithoutUserDataIsRefused() {
        for (String none : new String[]{null, "", " \n"}) {
            ProviderException e = assertThrows(ProviderException.class, () -> CloudInit.userData(request(none)));
            assertTrue(e.getMessage().startsWith("node web: the request carries no user-data"), e.getMessage());
        }
    }

    @Test
    void seedAndNetworkFile() {
        assertEquals("instance-id: \"pabc-1\"\nlocal-hostname: \"web\"\n", CloudInit.metaData("web", "pabc-1"));
        String net = CloudInit.networkFile("10.77.1.10", 24, "10.77.1.1");
        assertTrue(net.contains("Name=host0"));
        assertTrue(net.contains("Address=10.77.1.10/24"));
        assertTrue(net.contains("Gateway=10.77.1.1"), "the host decides what is forwarded");
        assertEquals("\"a\\\"b\\\\c\"", CloudInit.quote("a\"b\\c"));
    }
}
