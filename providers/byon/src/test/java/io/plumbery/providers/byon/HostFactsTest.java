package io.plumbery.providers.byon;

import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NodeRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostFactsTest {

    private static final String PROBED = "cpus=2\nmemkb=4028416\nos=debian\nversion=12\nsudo=yes\nsystemd=yes\n";

    @Test
    void theProbesOutputIsReadAsFacts() {
        HostFacts facts = HostFacts.parse(PROBED);
        assertEquals(new HostFacts(2, 3934, "debian", "12", true, true), facts);
        assertTrue(facts.unusable().isEmpty());
        assertEquals(List.of("its user has no password-less sudo ('sudo -n true' fails)",
                "it does not run systemd, which the cluster's services need"),
                HostFacts.parse("cpus=1\nsudo=no\nsystemd=no\n").unusable());
    }

    @Test
    void aMachineSmallerOrOtherThanThePlanAsksIsSaidSo() {
        HostFacts facts = HostFacts.parse(PROBED);
        assertTrue(facts.shortOf(request(2, 4096, "Debian 12")).isEmpty(), "90 % of the memory asked is enough");
        assertTrue(facts.shortOf(request(1, 1024, "an appliance name without a system")).isEmpty());
        assertEquals(List.of("2 CPU(s), the plan asks 4", "3934 MiB of memory, the plan asks 8192",
                "debian 12, the plan asks for Ubuntu 22.04 64-bit"), facts.shortOf(request(4, 8192, "Ubuntu 22.04 64-bit")));
        assertEquals(List.of("debian 12, the plan asks for Debian 11"), facts.shortOf(request(1, 512, "Debian 11")));
    }

    @Test
    void applianceNamesMeanADistributionAndVersion() {
        assertEquals(new HostFacts.Distribution("ubuntu", "22.04"), HostFacts.distribution("Ubuntu 22.04 64-bit").orElseThrow());
        assertEquals(new HostFacts.Distribution("rhel", "7"), HostFacts.distribution("RedHat 7 64-bit 4 CPU").orElseThrow());
        assertEquals(new HostFacts.Distribution("debian", null), HostFacts.distribution("debian").orElseThrow());
        assertTrue(new HostFacts.Distribution("rhel", "7").matches("rhel", "7.9"));
        assertFalse(new HostFacts.Distribution("ubuntu", "22.04").matches("ubuntu", "24.04"));
        assertTrue(HostFacts.distribution("Windows 2012").isEmpty());
    }

    private static NodeRequest request(int cpu, int memoryMb, String image) {
        return new NodeRequest("n", new NetworkRecord("id", "net", "10.0.0.0/24", Map.of()), cpu, memoryMb, List.of(),
                image, "#cloud-config\n");
    }
}
