package io.plumbery.providers.jclouds.gce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderFactory;
import io.plumbery.providers.ProviderFactory.Refusal;
import io.plumbery.providers.Providers;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What GCE cannot express is refused in the plan's words before anything is asked of GCE; the tables are fixed. */
class GceChecksTest {

    @TempDir
    Path work;

    @Test
    void theFactoryIsFoundAndRefusesSubnetworksGceCannotMake() {
        ProviderFactory factory = Providers.discover().all().get("google-compute-engine");
        assertEquals(GceProviderFactory.class, factory.getClass());
        assertEquals(Optional.of("subnet 10.0.0.0/30: GCE subnetworks are /8 to /29"),
                factory.publicAddressesRefused("10.0.0.0/30"));
        assertEquals(Optional.of("subnet 127.1.0.0/24: GCE takes no subnetwork in 0.0.0.0/8, 127.0.0.0/8, "
                + "169.254.0.0/16 or 224.0.0.0/3"), factory.publicAddressesRefused("127.1.0.0/24"));
        assertEquals(Optional.empty(), factory.publicAddressesRefused("10.77.3.0/24"));
        assertEquals(Optional.empty(), factory.publicAddressesRefused("10.0.0.0/8"));
    }

    @Test
    void machineTypesAreTheSmallestOfTheTableThatFits() {
        assertEquals("e2-micro", MachineTypes.TABLE.smallestFitting(1, 512).orElseThrow().name());
        assertEquals("e2-medium", MachineTypes.TABLE.smallestFitting(2, 4096).orElseThrow().name());
        assertEquals("e2-highcpu-4", MachineTypes.TABLE.smallestFitting(4, 4096).orElseThrow().name());
        assertEquals("e2-standard-2", MachineTypes.TABLE.smallestFitting(2, 8192).orElseThrow().name());
        assertEquals("e2-highmem-2", MachineTypes.TABLE.smallestFitting(2, 16384).orElseThrow().name());
        assertEquals("e2-highcpu-32", MachineTypes.TABLE.smallestFitting(24, 4096).orElseThrow().name());
        assertEquals("n2-standard-48", MachineTypes.TABLE.smallestFitting(48, 8192).orElseThrow().name());
        assertEquals("n2-highmem-128", MachineTypes.TABLE.smallestFitting(100, 800 * 1024).orElseThrow().name());
        assertEquals(Optional.empty(), MachineTypes.TABLE.smallestFitting(129, 1024));
    }

    @Test
    void appliancesAreImageFamiliesAndThoseWithoutCloudInitAreRefused() {
        GceImages.Family ubuntu = GceImages.TABLE.lookup(" ubuntu  22.04").orElseThrow();
        assertEquals("projects/ubuntu-os-cloud/global/images/family/ubuntu-2204-lts", ubuntu.path());
        assertEquals("debian-cloud", GceImages.TABLE.lookup("Debian 12").orElseThrow().project());
        assertEquals(List.of(), GceChecks.node(2, 4096, List.of(20), null, false, false), "Ubuntu 22.04 by default");
        assertEquals(List.of(new Refusal("appliance", "'Debian 12' is image family debian-12 of debian-cloud, which "
                + "runs no cloud-init on GCE, so the node's cloud-config (user-data: its login user and key, the plan's "
                + "cloud-config) would not apply; use Ubuntu 22.04, Ubuntu 24.04, or providerSettings gce.image with an "
                + "image that runs cloud-init")), GceChecks.node(2, 4096, List.of(), "Debian 12", false, false));
        assertEquals(List.of(), GceChecks.node(2, 4096, List.of(), "Debian 12", false, true),
                "gce.image: the facility's own image, its own business");
    }

    @Test
    void eachKeyGceCannotHonourIsRefusedByName() {
        List<Refusal> refusals = GceChecks.node(200, 4096, List.of(5), "Windows Server 2019", false, false);
        assertEquals(List.of("cpu", "appliance", "disks"), refusals.stream().map(Refusal::key).toList());
        assertEquals("cpu 200 is more than the largest machine type plumbery chooses, n2-highmem-128 (128 vCPU, 864 GiB); "
                + "give a smaller one, or providerSettings gce.machine-type", refusals.get(0).why());
        assertEquals("5 GB, a GCE persistent disk is 10 to 65536 GB", refusals.get(2).why());
        assertEquals("memory", GceChecks.node(2, 1000 * 1024, List.of(), null, false, false).get(0).key());
        assertEquals(List.of(), GceChecks.node(200, 4096, List.of(), null, true, false), "gce.machine-type wins");
    }

    @Test
    void aNodeGceCannotMakeIsRefusedBeforeAnyCall() throws Exception {
        try (GceReplay gce = new GceReplay(); GceProvider provider = GceFixtures.open(gce, work)) {
            NodeRequest tooBig = new NodeRequest("db1", GceFixtures.network(gce), 200, 4096, List.of(100),
                    "Debian 12", "");
            ProviderException e = assertThrows(ProviderException.class, () -> provider.createNode(tooBig));
            assertTrue(e.getMessage().startsWith("google-compute-engine: node db1: cpu: cpu 200 is more than"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("; appliance: 'Debian 12' is image family debian-12"), e.getMessage());
            assertEquals(List.of(), gce.requests(), "nothing asked of GCE, not even a token");
        }
    }

    @Test
    void namesFollowGcesRules() {
        assertEquals("demo-web1", new GceNames("demo").instance("web1"));
        assertEquals("my-plan-web-1", new GceNames("My_Plan").instance("web.1"));
        assertEquals("p-3x9-master1", new GceNames("3x9").instance("master1"));
        assertEquals("demo-f-web-from-0-0-0-0-0", GceNames.firewall("demo-f-web", "0.0.0.0/0"));
        String longName = GceNames.of("a".repeat(80));
        assertEquals(63, longName.length());
        assertTrue(longName.matches("a{54}-[0-9a-f]{8}"), longName);
        assertTrue(!GceNames.of("a".repeat(79) + "b").equals(longName), "two long names stay apart");
        assertEquals("web0", GceNames.of("web-"));
        assertEquals("plumbery plan=demo resource=node/web1", new GceNames("demo").description("node", "web1"));
    }

    @Test
    void whereTheNodesGoIsARegionOrAZone() throws Exception {
        try (GceReplay gce = new GceReplay()) {
            assertEquals("europe-west1-b", settings(gce, Map.of()).zone());
            assertEquals("europe-west1-c", settings(gce, Map.of("location", "europe-west1-c")).zone());
            assertEquals("us-central1", settings(gce, Map.of("location", "us-central1-a")).region());
            ProviderException e = assertThrows(ProviderException.class,
                    () -> settings(gce, Map.of("location", "local")));
            assertEquals("google-compute-engine: locationId 'local' is not a GCE region or zone (europe-west1, "
                    + "us-central1-a...)", e.getMessage());
            e = assertThrows(ProviderException.class, () -> settings(gce, Map.of("gce.zone", "us-east1-b")));
            assertEquals("google-compute-engine: gce.zone 'us-east1-b' is not a zone of region europe-west1",
                    e.getMessage());
        }
    }

    private GceSettings settings(GceReplay gce, Map<String, String> extra) throws ProviderException {
        return GceSettings.resolve(GceFixtures.settings(gce, work, extra), GceFixtures.env(work)::get, work);
    }
}
