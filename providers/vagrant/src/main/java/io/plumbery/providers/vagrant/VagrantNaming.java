package io.plumbery.providers.vagrant;

import io.plumbery.providers.local.Naming;


/**
 * Every name this provider gives to something on the host, derived from the plan's name, so that a later
 * run (or a destroy after a crash) finds exactly what is ours. Docker objects also carry the labels
 * {@link #PLAN_LABEL}{@code =<plan>} and {@link #PROVIDER_LABEL}{@code =vagrant}.
 *
 * <ul>
 *   <li>Vagrant machine: the node's name (a host name), in the plan's Vagrantfile</li>
 *   <li>container: {@code plumbery-<slug(plan)>-<node>}</li>
 *   <li>Docker network: {@code plumbery-<slug(plan)>-<hash4(network)>}</li>
 *   <li>its bridge: {@code pv-<hash6(plan)>-<hash4(network)>} (14 characters, under the 15 of IFNAMSIZ;
 *       {@code pv-}, not the local provider's {@code pb-})</li>
 *   <li>iptables chain: {@code plumbery-<hash6(plan)>-<hash4(network)>} (under the 28 characters allowed)</li>
 * </ul>
 */
final class VagrantNaming {

    static final String PLAN_LABEL = "io.plumbery.plan";
    static final String PROVIDER_LABEL = "io.plumbery.provider";
    static final String NODE_LABEL = "io.plumbery.node";
    static final String NETWORK_LABEL = "io.plumbery.network";

    private final Naming local;

    VagrantNaming(String plan) {
        this.local = new Naming(plan);
    }

    String plan() {
        return local.plan();
    }

    /** The plan's directory name under the state directory. */
    String slug() {
        return local.slug();
    }

    String container(String node) {
        return "plumbery-" + local.slug() + "-" + node;
    }

    String dockerNetwork(String network) {
        return "plumbery-" + local.slug() + "-" + hash(network, 4);
    }

    String bridge(String network) {
        return bridgePrefix() + hash(network, 4);
    }

    String bridgePrefix() {
        return "pv-" + local.planHash() + "-";
    }

    String chain(String network) {
        return chainPrefix() + hash(network, 4);
    }

    String chainPrefix() {
        return "plumbery-" + local.planHash() + "-";
    }

    /** The bridge a chain of {@link #chain} filters: both end with the network's hash. */
    String bridgeOfChain(String chain) {
        return bridgePrefix() + chain.substring(chainPrefix().length());
    }

    /** {@code --filter} arguments of docker that select this plan's objects. */
    String planFilter() {
        return "label=" + PLAN_LABEL + "=" + local.plan();
    }

    static String hash(String value, int hexChars) {
        return Naming.hash(value, hexChars);
    }
}
