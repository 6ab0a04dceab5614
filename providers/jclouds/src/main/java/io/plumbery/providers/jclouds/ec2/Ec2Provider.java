package io.plumbery.providers.jclouds.ec2;

import io.plumbery.node.ssh.SshEndpoint;
import io.plumbery.providers.FirewallRecord;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.NodeStatus;
import io.plumbery.providers.Provider;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderSettings;
import io.plumbery.providers.PublicAddressRecord;
import io.plumbery.providers.PublicAddressRequest;
import io.plumbery.providers.jclouds.cloud.ConsoleKeys;
import io.plumbery.providers.jclouds.cloud.QuietHttp;
import io.plumbery.providers.jclouds.cloud.Size;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jclouds.ContextBuilder;
import org.jclouds.aws.ec2.AWSEC2Api;
import org.jclouds.aws.ec2.domain.AWSRunningInstance;
import org.jclouds.ec2.domain.Image;
import org.jclouds.location.reference.LocationConstants;

/**
 * Provider {@code aws-ec2}: EC2's own network model through jclouds' EC2 API. A plan network is a VPC and subnet
 * ({@link Ec2Networks}), its firewall a security group ({@link Ec2Firewalls}), a node an instance in that subnet and
 * group with its user-data ({@link Ec2Nodes}), a public address an Elastic IP, with the internet gateway and route
 * its network then needs. Everything is tagged with the plan and its name in the plan ({@link Ec2Tags}) and found
 * by those tags before anything is made, so an interrupted build resumes without making anything twice, and a
 * dispose deletes only what carries the plan's tags.
 */
public final class Ec2Provider implements Provider {

    static final String NAME = "aws-ec2";

    private final ProviderSettings settings;
    private final Ec2Settings ec2;
    private final AWSEC2Api api;
    private final Ec2Networks networks;
    private final Ec2Firewalls firewalls;
    private final Ec2Nodes nodes;
    private final ElasticIps addresses;
    private final ConsoleKeys consoleKeys;

    private Ec2Provider(ProviderSettings settings, Ec2Settings ec2, AWSEC2Api api, Consumer<String> progress) {
        this.settings = settings;
        this.ec2 = ec2;
        this.api = api;
        Ec2Tags tags = new Ec2Tags(settings.plan());
        Ec2Calls calls = new Ec2Calls(ec2.backoff(), progress);
        Ec2Tagging tagging = new Ec2Tagging(api, ec2.region(), tags, calls);
        Ec2Scope scope = new Ec2Scope(api, ec2.region(), tags, calls, tagging);
        this.networks = new Ec2Networks(scope);
        this.firewalls = new Ec2Firewalls(scope);
        this.nodes = new Ec2Nodes(api, ec2.region(), settings.plan(), tags, calls, tagging);
        this.addresses = new ElasticIps(scope);
        this.consoleKeys = new ConsoleKeys(NAME, Ec2Settings.CONSOLE_TIMEOUT, ec2.consoleTimeout(), progress);
    }

    /** Builds jclouds' EC2 API; no call reaches EC2 yet. */
    static Ec2Provider open(ProviderSettings settings, Function<String, String> env, Path home)
            throws ProviderException {
        Consumer<String> progress = settings.progress(NAME, false, Ec2Settings.KEYS);
        Ec2Settings ec2 = Ec2Settings.resolve(settings, env, home);
        Properties properties = QuietHttp.properties(ec2.connectTimeout(), ec2.readTimeout());
        // jclouds asks DescribeRegions for the region's endpoint; only the plan's region is kept
        properties.setProperty(LocationConstants.PROPERTY_REGIONS, ec2.region());
        AwsCredentials credentials = ec2.credentials();
        // QuietHttp: no jclouds logging, whose header log would print a session token (X-Amz-Security-Token)
        ContextBuilder builder = ContextBuilder.newBuilder(NAME).credentialsSupplier(credentials::jclouds)
                .overrides(properties).modules(QuietHttp.modules());
        ec2.endpoint().ifPresent(builder::endpoint);
        return new Ec2Provider(settings, ec2, QuietHttp.build(builder, AWSEC2Api.class, NAME, "EC2 API"), progress);
    }

    @Override
    public String name() {
        return NAME;
    }

    // ---- networks: VPC and subnet ----

    @Override
    public NetworkRecord ensureNetwork(NetworkRequest request) throws ProviderException {
        if (request.existing()) {
            Ec2Networks.Parts parts = networks.existing(request.name());
            return new NetworkRecord(parts.vpcId(), request.name(), null, Map.of("kind", "existing", "region",
                    ec2.region(), "vpcId", parts.vpcId(), "subnetId", parts.subnetId(), "internet", "the subnet's own "
                            + "routing: plumbery neither changes nor deletes it"));
        }
        Optional<String> refused = Ec2Checks.subnet(request.subnet());
        if (refused.isPresent()) {
            throw new ProviderException("aws-ec2: network " + request.name() + ": " + refused.get());
        }
        Ec2Networks.Parts parts = networks.ensure(request.name(), request.subnet(), ec2.availabilityZone());
        Map<String, String> attributes = new HashMap<>(Map.of("kind", "vpc", "region", ec2.region(),
                "vpcId", parts.vpcId(), "subnetId", parts.subnetId(), "internet", "an internet gateway and route "
                        + "when a node of it gets a public address; none until then"));
        putIfNotNull(attributes, "domain", request.domain());
        putIfNotNull(attributes, "ethernet", request.ethernet());
        return new NetworkRecord(parts.vpcId(), request.name(), request.subnet(), attributes);
    }

    @Override
    public void destroyNetwork(NetworkRecord network) throws ProviderException {
        networks.destroy(network.name());
    }

    // ---- firewalls: one security group per network ----

    @Override
    public FirewallRecord ensureFirewall(FirewallRequest request) throws ProviderException {
        String network = request.network().name();
        String groupId = firewalls.ensureGroup(settings.plan(), network, vpcOf(request.network()));
        int rules = firewalls.reconcile(network, groupId, request.rules());
        return new FirewallRecord(groupId, request.name(), network, request.rules(), Map.of(
                "kind", "security-group", "securityGroup", Ec2Firewalls.groupName(settings.plan(), network),
                "securityGroupId", groupId, "grants", String.valueOf(rules),
                "destination", "all nodes of the network (security groups filter by source only)"));
    }

    @Override
    public void destroyFirewall(FirewallRecord firewall) throws ProviderException {
        firewalls.destroy(firewall.network());
    }

    // ---- nodes: instances ----

    @Override
    public NodeRecord createNode(NodeRequest request) throws ProviderException {
        List<String> problems = Ec2Checks.node(request, ec2);
        if (!problems.isEmpty()) {
            throw new ProviderException("aws-ec2: " + String.join("; ", problems));
        }
        Optional<AWSRunningInstance> existing = nodes.find(null, request.name());
        if (existing.isPresent()) {
            return withConsoleKey(existing.get(), request.name(), request.network().name(), new HashMap<>());
        }
        Map<String, String> attributes = new HashMap<>();
        String type = instanceType(request, attributes);
        String imageId = image(request, attributes);
        NetworkRecord network = request.network();
        String subnetId = Optional.ofNullable(network.attributes().get("subnetId"))
                .or(() -> networksSubnet(network.name())).orElseThrow(() -> new ProviderException("aws-ec2: node "
                        + request.name() + ": network " + network.name() + " has no subnet at EC2"));
        String groupId = firewalls.ensureGroup(settings.plan(), network.name(), vpcOf(network));
        attributes.put("subnetId", subnetId);
        attributes.put("securityGroupId", groupId);
        attributes.put("userData", request.userData().isEmpty() ? "none" : "RunInstances UserData");
        if (!request.disksGb().isEmpty()) {
            attributes.put("disks", "gp3 EBS volumes " + request.disksGb() + " GB from /dev/sdf, deleted with the node");
        }
        AWSRunningInstance instance = nodes.run(new Ec2Nodes.Launch(request.name(), imageId, type, subnetId, groupId,
                request.userData(), request.disksGb()));
        return withConsoleKey(instance, request.name(), network.name(), attributes);
    }

    /**
     * A new node's record, once its console output showed its SSH host key (which its endpoint then carries) or the
     * wait for it ended; the instance as EC2 describes it by then.
     */
    private NodeRecord withConsoleKey(AWSRunningInstance instance, String name, String network,
                                      Map<String, String> attributes) throws ProviderException {
        String id = instance.getId();
        Optional<String> key = consoleKeys.await(name, () -> nodes.console(id, name), attributes);
        AWSRunningInstance now = nodes.find(id, name).orElse(instance);
        return record(now, name, network, attributes, key.orElse(null));
    }

    @Override
    public NodeRecord startNode(NodeRecord node) throws ProviderException {
        AWSRunningInstance instance = existing(node);
        if (instance.getInstanceState() != org.jclouds.ec2.domain.InstanceState.RUNNING) {
            nodes.start(instance.getId(), node.name());
        }
        return refreshNode(node);
    }

    @Override
    public NodeRecord stopNode(NodeRecord node) throws ProviderException {
        AWSRunningInstance instance = existing(node);
        if (instance.getInstanceState() == org.jclouds.ec2.domain.InstanceState.RUNNING) {
            nodes.stop(instance.getId(), node.name());
        }
        return refreshNode(node);
    }

    @Override
    public void destroyNode(NodeRecord node) throws ProviderException {
        Optional<AWSRunningInstance> instance = nodes.find(node.id(), node.name());
        if (instance.isPresent()) {
            nodes.terminate(instance.get().getId(), node.name(), ec2.waitTimeout());
        }
    }

    @Override
    public NodeRecord refreshNode(NodeRecord node) throws ProviderException {
        return nodes.find(node.id(), node.name()).map(i -> record(i, node.name(), node.network(), node.attributes(),
                node.ssh() == null ? null : node.ssh().hostKey())).orElseGet(() -> node.withStatus(NodeStatus.GONE));
    }

    // ---- public addresses: Elastic IPs ----

    @Override
    public PublicAddressRecord ensurePublicAddress(PublicAddressRequest request) throws ProviderException {
        AWSRunningInstance instance = existing(request.node());
        String network = request.node().network();
        String gateway = networks.made(network) ? networks.ensureInternetRoute(network,
                new Ec2Networks.Parts(instance.getVpcId(), instance.getSubnetId()))
                : "the existing subnet's own (its route table must send 0.0.0.0/0 to an internet gateway)";
        ElasticIps.Address address = addresses.ensure(request.name(), request.node().name(), instance.getId());
        return new PublicAddressRecord(address.allocationId(), request.name(), request.node().name(),
                address.publicIp(), request.ports(), Map.of("kind", "elastic-ip", "allocationId",
                address.allocationId(), "instanceId", instance.getId(), "internetGateway", gateway,
                "ports", "opened by the network's security group"));
    }

    @Override
    public void releasePublicAddress(PublicAddressRecord address) throws ProviderException {
        addresses.release(address.name());
    }

    @Override
    public void close() throws ProviderException {
        QuietHttp.close(api, NAME);
    }

    // ---- helpers ----

    private String instanceType(NodeRequest request, Map<String, String> attributes) {
        if (ec2.instanceType().isPresent()) {
            attributes.put("instanceType", ec2.instanceType().get() + " (providerSettings aws.instance-type)");
            return ec2.instanceType().get();
        }
        Size type = InstanceTypes.smallestFitting(request.cpu(), request.memoryMb()).orElseThrow();
        attributes.put("instanceType", type.describe() + ": the smallest of aws-ec2's table with " + request.cpu()
                + " cpu and " + request.memoryMb() + " MiB");
        return type.name();
    }

    private String image(NodeRequest request, Map<String, String> attributes) throws ProviderException {
        if (ec2.imageId().isPresent()) {
            attributes.put("image", ec2.imageId().get() + " (providerSettings aws.image)");
            return ec2.imageId().get();
        }
        Ec2Images.ImageQuery query = Ec2Images.lookup(request.image()).orElseThrow();
        Image image = nodes.newestImage(query);
        attributes.put("image", image.getId() + ": " + image.getName() + " (owner " + query.owner() + "), for "
                + "appliance '" + query.appliance() + "'");
        return image.getId();
    }

    private Optional<String> networksSubnet(String network) {
        try {
            return networks.findSubnet(network);
        } catch (ProviderException e) {
            return Optional.empty();
        }
    }

    private String vpcOf(NetworkRecord network) throws ProviderException {
        String vpcId = network.attributes().get("vpcId");
        if (vpcId != null) {
            return vpcId;
        }
        return networks.findVpc(network.name()).orElseThrow(() -> new ProviderException("aws-ec2: network "
                + network.name() + " has no VPC at EC2 (tag " + Ec2Tags.RESOURCE + "=" + Ec2Networks.VPC_KIND + "/"
                + network.name() + ")"));
    }

    private AWSRunningInstance existing(NodeRecord node) throws ProviderException {
        return nodes.find(node.id(), node.name()).orElseThrow(() -> new ProviderException("aws-ec2: node "
                + node.name() + (node.id() == null ? "" : " (" + node.id() + ")") + " does not exist in "
                + ec2.region()));
    }

    /** @param hostKey the node's SSH host key as its console showed it, or null: trusted on first contact */
    private NodeRecord record(AWSRunningInstance instance, String name, String network, Map<String, String> known,
                              String hostKey) {
        Map<String, String> attributes = new HashMap<>(known);
        attributes.put("region", ec2.region());
        attributes.put("ec2.state", String.valueOf(instance.getRawState()));
        putIfNotNull(attributes, "ec2.instanceType", instance.getInstanceType());
        putIfNotNull(attributes, "ec2.imageId", instance.getImageId());
        putIfNotNull(attributes, "ec2.availabilityZone", instance.getAvailabilityZone());
        String privateAddress = instance.getPrivateIpAddress();
        String publicAddress = instance.getIpAddress();
        String host = publicAddress != null ? publicAddress : privateAddress;
        SshEndpoint ssh = host == null ? null
                : new SshEndpoint(host, 22, ec2.loginUser().orElse(settings.identity().user()), hostKey);
        return new NodeRecord(instance.getId(), name, network, status(instance.getInstanceState()), privateAddress,
                publicAddress, ssh, attributes);
    }

    static NodeStatus status(org.jclouds.ec2.domain.InstanceState state) {
        if (state == null) {
            return NodeStatus.UNRECOGNIZED;
        }
        return switch (state) {
            case PENDING -> NodeStatus.PENDING;
            case RUNNING -> NodeStatus.RUNNING;
            case STOPPING, STOPPED -> NodeStatus.STOPPED;
            case SHUTTING_DOWN, TERMINATED -> NodeStatus.GONE;
            default -> NodeStatus.UNRECOGNIZED;
        };
    }

    private static void putIfNotNull(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
