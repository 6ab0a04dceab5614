package io.plumbery.providers.vagrant;

import io.plumbery.providers.host.Naming;

/**
 * Every name this provider gives to something on the host (see {@link Naming}). Docker objects also carry
 * the labels {@link #PLAN_LABEL}{@code =<plan key>} and {@link #PROVIDER_LABEL}{@code =vagrant}.
 *
 * <ul>
 *   <li>Vagrant machine: the node's name (a host name), in the plan's Vagrantfile</li>
 *   <li>container: {@code plumbery-<slug>-<node>}</li>
 *   <li>Docker network: {@code plumbery-<slug>-<hash4(network)>}</li>
 *   <li>its bridge: {@code pv-<hash>-<hash4(network)>} (14 characters, under the 15 of IFNAMSIZ;
 *       {@code pv-}, not the local provider's {@code pb-})</li>
 *   <li>iptables chain: {@code plumbery-<hash>-<hash4(network)>} (under the 28 characters allowed)</li>
 * </ul>
 */
final class VagrantNaming extends Naming {

    static final String PLAN_LABEL = "io.plumbery.plan";
    static final String PROVIDER_LABEL = "io.plumbery.provider";
    static final String NODE_LABEL = "io.plumbery.node";
    static final String NETWORK_LABEL = "io.plumbery.network";

    VagrantNaming(Names names) {
        super(names);
    }

    String container(String node) {
        return "plumbery-" + slug() + "-" + node;
    }

    String dockerNetwork(String network) {
        return "plumbery-" + slug() + "-" + hash(network, 4);
    }

    String bridge(String network) {
        return bridgePrefix() + hash(network, 4);
    }

    String bridgePrefix() {
        return "pv-" + planHash() + "-";
    }

    String chain(String network) {
        return chainPrefix() + hash(network, 4);
    }

    String chainPrefix() {
        return "plumbery-" + planHash() + "-";
    }

    /** The bridge a chain of {@link #chain} filters: both end with the network's hash. */
    String bridgeOfChain(String chain) {
        return bridgePrefix() + chain.substring(chainPrefix().length());
    }

    /** {@code --filter} arguments of docker that select this plan's objects. */
    String planFilter() {
        return "label=" + PLAN_LABEL + "=" + planKey();
    }
}
