package io.plumbery.engine.information;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.plumbery.engine.cloudconfig.ShownCloudConfig;
import io.plumbery.engine.cluster.ClusterStatus;

import java.util.List;

/**
 * What {@code information} shows, as data: each selected blueprint and node of the plan, the cluster's services
 * (when the plan has a cluster and they were asked), how to reach them, and notes on what could not be checked.
 * The JSON schema of {@code information --json} is this record tree (documented in the README).
 *
 * @param access      how to reach the cluster's APIs; null when the plan has no deployed cluster
 * @param credentials every principal of the cluster with its secret; null unless asked for ({@code --credentials})
 */
public record Information(String plan, String file, String state, List<BlueprintInfo> blueprints,
                          ClusterStatus cluster, Access access, List<Credential> credentials, List<String> notes) {

    /**
     * @param principal     who people are to the cluster's APIs (HTTP Basic)
     * @param secretCommand the command that prints its secret
     * @param commands      shell commands that reach the APIs, the secret read into {@code $ADMIN_SECRET} first
     */
    public record Access(String principal, String secretCommand, List<String> commands) {
    }

    /** One principal of the cluster, its secret, and what it is for. */
    public record Credential(String principal, String secret, String use) {
        @Override
        public String toString() {
            return principal + ":(secret)";
        }
    }

    /** @param balancers its balancers, built or not; empty for most blueprints */
    public record BlueprintInfo(String name, String facility, String provider, String network,
                                List<NodeInfo> nodes,
                                @JsonInclude(JsonInclude.Include.NON_EMPTY) List<BalancerInfo> balancers) {

        public BlueprintInfo {
            balancers = balancers == null ? List.of() : List.copyOf(balancers);
        }

        public BlueprintInfo(String name, String facility, String provider, String network, List<NodeInfo> nodes) {
            this(name, facility, provider, network, nodes, List.of());
        }
    }

    /**
     * @param address     where it listens; null until it is built
     * @param members     the nodes behind it
     * @param information its information lines, {@code {{ balancer.ip }}} and {@code {{ balancer.port }}} filled in
     *                    once it is built
     */
    public record BalancerInfo(String name, String protocol, String algorithm, String address, int port,
                               List<String> members, List<String> information) {
    }

    /**
     * @param status      as the provider sees it now (or as recorded, with {@code --offline}): RUNNING, STOPPED,
     *                    PENDING, GONE, NOT_BUILT...
     * @param ssh         a command that opens a shell on the node with the plan's key
     * @param cloudConfig its cloud-config as polish applies it, secrets masked; null unless asked for
     */
    public record NodeInfo(String name, String status, String privateAddress, String publicAddress, String ssh,
                           List<String> information, ShownCloudConfig cloudConfig) {

        public NodeInfo(String name, String status, String privateAddress, String publicAddress, String ssh,
                        List<String> information) {
            this(name, status, privateAddress, publicAddress, ssh, information, null);
        }

        public NodeInfo withCloudConfig(ShownCloudConfig shown) {
            return new NodeInfo(name, status, privateAddress, publicAddress, ssh, information, shown);
        }
    }
}
