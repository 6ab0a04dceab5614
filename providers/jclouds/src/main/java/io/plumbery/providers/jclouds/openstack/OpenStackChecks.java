package io.plumbery.providers.jclouds.openstack;

import io.plumbery.providers.ProviderFactory.Refusal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a plan asks that the provider cannot do on OpenStack, said in the plan's own keys before anything is asked of
 * the cloud: the factory runs these at plan time, the provider again before its first call for the network or node.
 * Sizes are checked when the node is built, against the flavors the project sees (each cloud has its own).
 */
final class OpenStackChecks {

    static final int WIDEST_PREFIX = 8;
    static final int NARROWEST_PREFIX = 29;
    /** Volumes attached as vdb.. vdz. */
    static final int MAX_DISKS = 25;
    static final int MAX_DISK_GB = 16384;

    private OpenStackChecks() {
    }

    static Optional<String> subnet(String cidr) {
        int slash = cidr.indexOf('/');
        try {
            int prefix = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
            if (prefix < WIDEST_PREFIX || prefix > NARROWEST_PREFIX) {
                return Optional.of("subnet " + cidr + ": plumbery makes OpenStack subnets of /" + WIDEST_PREFIX
                        + " to /" + NARROWEST_PREFIX + " (a narrower one leaves no address for nodes besides the "
                        + "gateway and DHCP)");
            }
            return Optional.empty();
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return Optional.of("subnet '" + cidr + "' is not a CIDR");
        }
    }

    /** One refusal per key the provider cannot honour, empty when it can. */
    static List<Refusal> node(List<Integer> disksGb, String appliance, boolean imageGiven) {
        List<Refusal> refusals = new ArrayList<>();
        if (!imageGiven) {
            String name = appliance == null ? OpenStackImages.DEFAULT : appliance;
            if (OpenStackImages.TABLE.lookup(name).isEmpty()) {
                refusals.add(new Refusal("appliance", "'" + name + "' has no image in the openstack table ("
                        + OpenStackImages.TABLE.names() + "); use one of them, or providerSettings "
                        + OpenStackSettings.IMAGE));
            }
        }
        if (disksGb.size() > MAX_DISKS) {
            refusals.add(new Refusal("disks", disksGb.size() + " further disks, plumbery attaches at most " + MAX_DISKS
                    + " volumes to an OpenStack server"));
        }
        disksGb.stream().filter(gb -> gb < 1 || gb > MAX_DISK_GB).findFirst().ifPresent(gb -> refusals.add(
                new Refusal("disks", gb + " GB, a volume plumbery makes is 1 to " + MAX_DISK_GB + " GB")));
        return refusals;
    }
}
