package io.plumbery.providers.jclouds.openstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plumbery.providers.NodeShape;
import io.plumbery.providers.ProviderFactory.Refusal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jclouds.openstack.nova.v2_0.domain.Flavor;
import org.jclouds.openstack.nova.v2_0.domain.Image;
import org.junit.jupiter.api.Test;

/** What plan says and refuses for OpenStack nodes, and the flavor and image chosen from what the project sees. */
class OpenStackChecksTest {

    private final OpenStackProviderFactory factory = new OpenStackProviderFactory();

    @Test
    void whatCannotBeBuiltIsRefusedNamingTheKey() {
        NodeShape node = new NodeShape("web1", 2, 4096, List.of(20, 0), "Windows 11");
        assertEquals(List.of(
                new Refusal("appliance", "'Windows 11' has no image in the openstack table (Debian 12, Debian 11, "
                        + "Ubuntu 22.04, Ubuntu 24.04); use one of them, or providerSettings os.image"),
                new Refusal("disks", "0 GB, a volume plumbery makes is 1 to 16384 GB")), factory.nodeRefused(node, Map.of()));
        assertEquals(List.of(new Refusal("disks", "0 GB, a volume plumbery makes is 1 to 16384 GB")),
                factory.nodeRefused(node, Map.of("os.image", "my-image")), "the facility's own image wins");
        assertEquals(Optional.of("subnet 10.77.3.0/30: plumbery makes OpenStack subnets of /8 to /29 (a narrower one "
                + "leaves no address for nodes besides the gateway and DHCP)"),
                factory.publicAddressesRefused("10.77.3.0/30"));
    }

    @Test
    void planSaysTheRuleOfTheFlavorAndTheImageNames() {
        NodeShape node = new NodeShape("web1", 2, 4096, List.of(), null);
        assertEquals(Optional.of("the smallest flavor with 2 vCPU and 4096 MiB, the newest image named debian-12*, "
                + "Debian 12*"), factory.nodeChoice(node, Map.of()));
        assertEquals(Optional.of("flavor m1.xlarge, image my-image"), factory.nodeChoice(node,
                Map.of("os.flavor", "m1.xlarge", "os.image", "my-image")));
    }

    @Test
    void theSmallestFlavorThatFitsWhateverTheOrderTheCloudListsThem() {
        List<Flavor> flavors = List.of(flavor("4", "m1.large", 4, 8192), flavor("5", "m2.medium", 2, 4096),
                flavor("3", "m1.medium", 2, 4096), flavor("1", "m1.tiny", 1, 512));
        assertEquals("3", OpenStackFlavors.smallestFitting(2, 3000, flavors).orElseThrow().getId());
        List<Flavor> reversed = new ArrayList<>(flavors);
        Collections.reverse(reversed);
        assertEquals("3", OpenStackFlavors.smallestFitting(2, 3000, reversed).orElseThrow().getId());
        assertEquals("4", OpenStackFlavors.smallestFitting(3, 512, flavors).orElseThrow().getId());
        assertEquals(Optional.empty(), OpenStackFlavors.smallestFitting(8, 512, flavors));
        assertEquals("5", OpenStackFlavors.named("m2.medium", flavors).orElseThrow().getId());
    }

    @Test
    void theNewestActiveImageOfTheAppliance() {
        List<Image> images = List.of(image("a", "debian-12-genericcloud-amd64-20261001", Image.Status.ACTIVE, 1),
                image("b", "Debian 12 (bookworm)", Image.Status.ACTIVE, 2),
                image("c", "debian-12-genericcloud-amd64-20261201", Image.Status.SAVING, 3),
                image("d", "debian-11-genericcloud-amd64", Image.Status.ACTIVE, 4));
        OpenStackImages.Names debian12 = OpenStackImages.TABLE.lookup("debian  12").orElseThrow();
        assertEquals("b", OpenStackImages.newest(debian12, images).orElseThrow().getId());
        assertEquals("d", OpenStackImages.named("d", images).orElseThrow().getId());
        assertEquals("a", OpenStackImages.named("debian-12-genericcloud-amd64-20261001", images).orElseThrow().getId());
    }

    private static Flavor flavor(String id, String name, int vcpus, int ram) {
        return Flavor.builder().id(id).name(name).vcpus(vcpus).ram(ram).disk(20).links(Set.of()).build();
    }

    private static Image image(String id, String name, Image.Status status, int day) {
        return Image.builder().id(id).name(name).status(status).created(new Date(day * 86_400_000L))
                .links(Set.of()).build();
    }
}
