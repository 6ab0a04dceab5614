package io.plumbery.providers.local;

import io.plumbery.providers.host.Naming;

/**
 * Every name the local provider gives to something on the host (see {@link Naming}):
 *
 * <ul>
 *   <li>bridge: {@code pb-<hash>-<hash4(network)>} (14 characters, under the 15 of IFNAMSIZ)</li>
 *   <li>nftables table: {@code plumbery_<slug>}</li>
 *   <li>nspawn machine: {@code p<hash><hash4(node)>}, so its veth is {@code vb-p...} (14 characters)</li>
 *   <li>cgroup: {@code plumbery/<slug>/<node>} in each hierarchy</li>
 * </ul>
 */
final class LocalNaming extends Naming {

    LocalNaming(Names names) {
        super(names);
    }

    String bridge(String network) {
        return bridgePrefix() + hash(network, 4);
    }

    String bridgePrefix() {
        return "pb-" + planHash() + "-";
    }

    /** The comment on the plan's iptables rules for its accept lists (no spaces: it is matched in {@code -S} output). */
    String acceptTag() {
        return "plumbery-accept-" + planHash();
    }

    String nftTable() {
        return "plumbery_" + slug();
    }

    String machine(String node) {
        return "p" + planHash() + hash(node, 4);
    }

    String vethPrefix() {
        return "vb-p" + planHash();
    }

    /** Host side of a {@code local-netns} node's veth pair. */
    String netnsVethPrefix() {
        return "vn-p" + planHash();
    }

    String cgroup(String node) {
        return "plumbery/" + slug() + "/" + node;
    }

    String cgroupRoot() {
        return "plumbery/" + slug();
    }
}
