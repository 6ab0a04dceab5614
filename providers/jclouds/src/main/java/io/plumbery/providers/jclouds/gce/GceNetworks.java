package io.plumbery.providers.jclouds.gce;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.jclouds.cloud.NameLocks;

import org.jclouds.googlecomputeengine.domain.Network;
import org.jclouds.googlecomputeengine.domain.Subnetwork;
import org.jclouds.googlecomputeengine.options.NetworkCreationOptions;
import org.jclouds.googlecomputeengine.options.SubnetworkCreationOptions;

/**
 * A plan's network on GCE: a custom-mode VPC network (global, with no subnetworks of its own making) and one
 * subnetwork of the plan's CIDR in the plan's region. Both are named after the plan's network, found by that name
 * before they are made, and removed subnetwork first. GCE gives every network a route to the internet of its own;
 * a node uses it only with an external address.
 */
final class GceNetworks {

    static final String NETWORK_KIND = "network";
    static final String SUBNETWORK_KIND = "subnetwork";

    /** The network and subnetwork as GCE links them. */
    record Parts(String network, String subnetwork) {
    }

    private final GceScope scope;
    private final NameLocks locks = new NameLocks();

    GceNetworks(GceScope scope) {
        this.scope = scope;
    }

    Parts ensure(String name, String cidr) throws ProviderException {
        return locks.holding(name, () -> ensureLocked(GceNames.of(name), cidr));
    }

    private Parts ensureLocked(String name, String cidr) throws ProviderException {
        Network network = findNetwork(name);
        if (network == null) {
            NetworkCreationOptions options = new NetworkCreationOptions.Builder(name)
                    .description(scope.names().description(NETWORK_KIND, name)).autoCreateSubnetworks(false).build();
            scope.calls().create("creating network " + name, () -> scope.api().networks().create(options));
            network = existing(findNetwork(name), "network " + name);
        }
        Subnetwork subnetwork = findSubnetwork(name);
        if (subnetwork == null) {
            SubnetworkCreationOptions options = SubnetworkCreationOptions.create(name,
                    scope.names().description(SUBNETWORK_KIND, name), network.selfLink(), cidr,
                    scope.project("regions/" + scope.region()), false);
            scope.calls().create("creating subnetwork " + name + " (" + cidr + ") in " + scope.region(),
                    () -> scope.api().subnetworksInRegion(scope.region()).createInNetwork(options));
            subnetwork = existing(findSubnetwork(name), "subnetwork " + name);
        } else if (!cidr.equals(subnetwork.ipCidrRange())) {
            throw new ProviderException(GceProvider.NAME + ": subnetwork " + name + " is " + subnetwork.ipCidrRange()
                    + ", the plan asks for " + cidr + "; dispose the network first to have it made again");
        }
        return new Parts(network.selfLink().toString(), subnetwork.selfLink().toString());
    }

    /** Removes what the plan made for this network, subnetwork first; what is gone, or not the plan's, is skipped. */
    void destroy(String planName) throws ProviderException {
        String name = GceNames.of(planName);
        Subnetwork subnetwork = getSubnetwork(name);
        if (subnetwork != null && scope.names().marks(subnetwork.description(), SUBNETWORK_KIND, name)) {
            scope.calls().delete("deleting subnetwork " + name, () -> scope.api().subnetworksInRegion(scope.region())
                    .delete(name));
        }
        Network network = getNetwork(name);
        if (network != null && scope.names().marks(network.description(), NETWORK_KIND, name)) {
            scope.calls().delete("deleting network " + name, () -> scope.api().networks().delete(name));
        }
    }

    /** The plan's network of this name, null when there is none; another's of the same name is refused. */
    private Network findNetwork(String name) throws ProviderException {
        Network network = getNetwork(name);
        if (network != null && !scope.names().marks(network.description(), NETWORK_KIND, name)) {
            throw notOurs("network " + name, network.description());
        }
        return network;
    }

    private Subnetwork findSubnetwork(String name) throws ProviderException {
        Subnetwork subnetwork = getSubnetwork(name);
        if (subnetwork != null && !scope.names().marks(subnetwork.description(), SUBNETWORK_KIND, name)) {
            throw notOurs("subnetwork " + name, subnetwork.description());
        }
        return subnetwork;
    }

    private Network getNetwork(String name) throws ProviderException {
        return scope.calls().read("looking for network " + name, () -> scope.api().networks().get(name));
    }

    private Subnetwork getSubnetwork(String name) throws ProviderException {
        return scope.calls().read("looking for subnetwork " + name, () -> scope.api()
                .subnetworksInRegion(scope.region()).get(name));
    }

    private <T> T existing(T made, String what) throws ProviderException {
        if (made == null) {
            throw new ProviderException(GceProvider.NAME + ": " + what + " is not there after GCE made it", true, null);
        }
        return made;
    }

    /** A resource of the plan's name that is not the plan's: never used, never deleted. */
    static ProviderException notOurs(String what, String description) {
        return new ProviderException(GceProvider.NAME + ": " + what + " exists in the project and is not this plan's "
                + "(its description is '" + (description == null ? "" : description) + "'); plumbery neither uses "
                + "nor deletes it: rename the plan, or remove it");
    }
}
