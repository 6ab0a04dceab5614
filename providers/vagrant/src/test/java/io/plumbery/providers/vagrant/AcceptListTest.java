package io.plumbery.providers.vagrant;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.host.Naming.Names;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcceptListTest {

    @Test
    void anAcceptListIsRefusedBeforeAnythingChanges(@TempDir Path dir) {
        PlanNetworks networks = new PlanNetworks(new VagrantNaming(Names.of("p", dir)), new PlanDir(dir), new Docker("docker"));
        FirewallRequest request = new FirewallRequest("back-fw", new NetworkRecord("n", "back", "10.77.2.0/24", Map.of()),
                List.of(FirewallRule.everything("accept-front", "10.77.1.0/24", "10.77.2.0/24")));
        ProviderException e = assertThrows(ProviderException.class, () -> networks.ensureFirewall(request));
        assertTrue(e.getMessage().contains("'accept' list, which the vagrant provider cannot honour yet"), e.getMessage());
    }
}
