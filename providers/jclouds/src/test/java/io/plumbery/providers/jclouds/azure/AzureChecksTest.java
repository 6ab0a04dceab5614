package io.plumbery.providers.jclouds.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.NodeShape;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderFactory;
import io.plumbery.providers.ProviderFactory.Refusal;
import io.plumbery.providers.Providers;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What Azure cannot express is refused in the plan's words before anything is asked of Azure; the tables are fixed. */
class AzureChecksTest {

    @TempDir
    Path work;

    @Test
    void theFactoryIsFoundAndRefusesSubnetsAzureCannotMake() {
        ProviderFactory factory = Providers.discover().all().get("azure");
        assertEquals(AzureProviderFactory.class, factory.getClass());
        assertEquals(Optional.of("subnet 10.0.0.0/30: Azure subnets are /8 to /29"),
                factory.publicAddressesRefused("10.0.0.0/30"));
        assertEquals(Optional.of("subnet 169.254.1.0/24: Azure takes no virtual network in 0.0.0.0/8, 127.0.0.0/8, "
                + "169.254.0.0/16, 168.63.129.16/32 or 224.0.0.0/3"), factory.publicAddressesRefused("169.254.1.0/24"));
        assertEquals(Optional.empty(), factory.publicAddressesRefused("10.77.3.0/24"));
    }

    @Test
    void vmSizesAreTheSmallestOfTheTableThatFits() {
        assertEquals("Standard_B1s", VmSizes.TABLE.smallestFitting(1, 512).orElseThrow().name());
        assertEquals("Standard_B1ms", VmSizes.TABLE.smallestFitting(1, 2048).orElseThrow().name());
        assertEquals("Standard_B2s", VmSizes.TABLE.smallestFitting(2, 2048).orElseThrow().name());
        assertEquals("Standard_B2ms", VmSizes.TABLE.smallestFitting(2, 8192).orElseThrow().name());
        assertEquals("Standard_B4ms", VmSizes.TABLE.smallestFitting(3, 16384).orElseThrow().name(),
                "4 vCPU 16 GiB: the B4ms before the D4s_v5, first in the table");
        assertEquals("Standard_B16ms", VmSizes.TABLE.smallestFitting(16, 65536).orElseThrow().name());
        assertEquals("Standard_D32s_v5", VmSizes.TABLE.smallestFitting(17, 4096).orElseThrow().name());
        assertEquals("Standard_E96s_v5", VmSizes.TABLE.smallestFitting(96, 700 * 1024).orElseThrow().name());
        assertEquals(Optional.empty(), VmSizes.TABLE.smallestFitting(97, 1024));
    }

    @Test
    void planShowsTheSizeAndImageChosenAndRefusesWhatAzureCannotDo() {
        ProviderFactory factory = new AzureProviderFactory();
        assertEquals(Optional.of("Standard_B2s (2 vCPU, 4 GiB), Debian:debian-12:12-gen2:latest"),
                factory.nodeChoice(new NodeShape("web1", 2, 4096, List.of(), "Debian 12"), Map.of()));
        assertEquals(Optional.of("Standard_B1ms (1 vCPU, 2 GiB), Canonical:0001-com-ubuntu-server-jammy:"
                + "22_04-lts-gen2:latest"), factory.nodeChoice(new NodeShape("web1", 1, 2048, List.of(), null), Map.of()));
        assertEquals(Optional.of("Standard_HB120rs_v3, Me:mine:1:latest"), factory.nodeChoice(new NodeShape("big",
                120, 456 * 1024, List.of(), "CentOS 7"), Map.of("azure.vm-size", "Standard_HB120rs_v3",
                "azure.image", "Me:mine:1:latest")), "the facility's own size and image win");

        List<Refusal> refused = factory.nodeRefused(new NodeShape("x", 200, 4096, List.of(2, 40000), "CentOS 7"),
                Map.of());
        assertEquals(List.of("cpu", "appliance", "disks"), refused.stream().map(Refusal::key).toList());
        assertEquals("cpu 200 is more than the largest VM size plumbery chooses, Standard_E96s_v5 (96 vCPU, 768 GiB); "
                + "give a smaller one, or providerSettings azure.vm-size", refused.get(0).why());
        assertEquals("'CentOS 7' has no image in the azure table (Debian 12, Debian 11, Ubuntu 22.04, Ubuntu 24.04); "
                + "use one of them, or providerSettings azure.image PUBLISHER:OFFER:SKU:VERSION of an image that runs "
                + "cloud-init", refused.get(1).why());
        assertEquals("2 GB, an Azure managed disk is 4 to 32767 GB", refused.get(2).why());
        assertEquals(List.of(new Refusal("disks", "65 further disks, an Azure VM takes at most 64 data disks")),
                AzureChecks.node(2, 4096, Collections.nCopies(65, 10), null, false, false));
        assertEquals(Optional.empty(), factory.nodeChoice(new NodeShape("x", 200, 4096, List.of(), null), Map.of()));
    }

    @Test
    void firewallRulesAreNsgRulesAndTooManyAreRefused() {
        assertEquals("100-ssh", AzureFirewalls.securityRule(new FirewallRule("ssh", FirewallRule.Protocol.TCP, 22,
                "0.0.0.0/0", "10.77.3.0/24"), 100).name());
        assertEquals(Optional.of("3998 inbound rules, an Azure network security group holds 3997"), AzureChecks.rules(
                Collections.nCopies(3998, FirewallRule.everything("all", "10.0.0.0/8", "10.77.3.0/24"))));
    }

    @Test
    void namesAreAzuresAndStayApartWhenLong() {
        assertEquals("demo-f-web-nsg", AzureNames.of("demo-f-web-nsg"));
        assertEquals("p-_under0", AzureNames.of("_under-"));
        assertEquals("Web_Fox.1", AzureNames.of("Web_Fox.1"));
        String a = AzureNames.of("x".repeat(70) + "a");
        String b = AzureNames.of("x".repeat(70) + "b");
        assertEquals(64, a.length());
        assertTrue(!a.equals(b), a + " " + b);
    }

    @RegisterExtension
    final AzureReplay azure = AzureReplay.forEachTest();

    @Test
    void settingsComeFromTheFacilityAndAreChecked() throws ProviderException {
        AzureSettings settings = AzureSettings.resolve(AzureFixtures.settings(azure, work, Map.of()),
                AzureFixtures.env()::get);
        assertEquals("westeurope", settings.location());
        assertEquals("plumbery-demo", settings.resourceGroup());
        assertEquals("StandardSSD_LRS", settings.diskType());
        ProviderException image = assertThrows(ProviderException.class, () -> AzureSettings.resolve(
                AzureFixtures.settings(azure, work, Map.of("azure.image", "Debian 12")),
                AzureFixtures.env()::get));
        assertEquals("azure: azure.image 'Debian 12' is not PUBLISHER:OFFER:SKU:VERSION", image.getMessage());
        ProviderException place = assertThrows(ProviderException.class, () -> AzureSettings.resolve(
                AzureFixtures.settings(azure, work, Map.of("location", "West Europe")),
                AzureFixtures.env()::get));
        assertTrue(place.getMessage().startsWith("azure: location 'West Europe' is not an Azure location name"));
        ProviderException disk = assertThrows(ProviderException.class, () -> AzureSettings.resolve(
                AzureFixtures.settings(azure, work, Map.of("azure.disk-type", "UltraSSD_LRS")),
                AzureFixtures.env()::get));
        assertTrue(disk.getMessage().startsWith("azure: azure.disk-type 'UltraSSD_LRS' is not one of"));
    }
}
