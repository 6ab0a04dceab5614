package io.plumbery.providers.jclouds.openstack;

import io.plumbery.node.ssh.SshEndpoint;
import io.plumbery.providers.FirewallRecord;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.NodeStatus;
import io.plumbery.providers.Provider;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderFactory.Refusal;
import io.plumbery.providers.ProviderSettings;
import io.plumbery.providers.PublicAddressRecord;
import io.plumbery.providers.PublicAddressRequest;
import io.plumbery.providers.jclouds.cloud.ConsoleKeys;
import io.plumbery.providers.jclouds.cloud.QuietHttp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jclouds.ContextBuilder;
import org.jclouds.openstack.neutron.v2.NeutronApi;
import org.jclouds.openstack.neutron.v2.domain.FloatingIP;
import org.jclouds.openstack.neutron.v2.domain.Network;
import org.jclouds.openstack.neutron.v2.domain.SecurityGroup;
import org.jclouds.openstack.nova.v2_0.NovaApi;
import org.jclouds.openstack.nova.v2_0.domain.Address;
import org.jclouds.openstack.nova.v2_0.domain.Flavor;
import org.jclouds.openstack.nova.v2_0.domain.Image;
import org.jclouds.openstack.nova.v2_0.domain.Server;

/**
 * Provider {@code openstack}: OpenStack's own network model through jclouds' Nova and Neutron APIs, signed in with
 * Keystone v3 ({@link OpenStackCredentials}). A plan network is a Neutron network and subnet, routed to the external
 * network ({@link OpenStackNetworks}); its firewall a security group ({@link OpenStackFirewalls}); a node a server on
 * that network in that group with its cloud-config as user-data ({@link OpenStackNodes}); a public address a floating
 * IP on the node's port ({@link FloatingIps}). Each resource is named after the plan and found again by its name (and,
 * for security groups and servers, the plan's mark) before anything is made, so an interrupted build resumes without
 * making anything twice.
 */
public final class OpenStackProvider implements Provider {

    static final String NAME = "openstack";

    private final ProviderSettings settings;
    private final OpenStackSettings os;
    private final NovaApi nova;
    private final NeutronApi neutron;
    private final OpenStackNetworks networks;
    private final OpenStackFirewalls firewalls;
    private final OpenStackNodes nodes;
    private final FloatingIps addresses;

    private OpenStackProvider(ProviderSettings settings, OpenStackSettings os, NovaApi nova, NeutronApi neutron,
                              Consumer<String> progress) {
        this.settings = settings;
        this.os = os;
        this.nova = nova;
        this.neutron = neutron;
        OpenStackScope scope = new OpenStackScope(nova, neutron, os.region(), new OpenStackMarks(settings.plan()),
                new OpenStackCalls(os.backoff(), progress));
        this.networks = new OpenStackNetworks(scope);
        this.firewalls = new OpenStackFirewalls(scope);
        this.nodes = new OpenStackNodes(scope, os.waitTimeout());
        this.addresses = new FloatingIps(scope);
    }

    /** Builds jclouds' Nova and Neutron APIs; no call reaches the cloud yet (the first one signs in to Keystone). */
    static OpenStackProvider open(ProviderSettings settings, Function<String, String> env, Path home, Path workingDir)
            throws ProviderException {
        Consumer<String> progress = settings.progress(NAME, false, OpenStackSettings.KEYS);
        OpenStackSettings os = OpenStackSettings.resolve(settings, env, home, workingDir);
        NovaApi nova = QuietHttp.build(builder("openstack-nova", os), NovaApi.class, NAME, "Nova API");
        NeutronApi neutron;
        try {
            neutron = QuietHttp.build(builder("openstack-neutron", os), NeutronApi.class, NAME, "Neutron API");
        } catch (ProviderException e) {
            QuietHttp.close(nova, NAME);
            throw e;
        }
        return new OpenStackProvider(settings, os, nova, neutron, progress);
    }

    /** QuietHttp: no jclouds logging, whose wire log would print the password Keystone is sent and the token. */
    private static ContextBuilder builder(String api, OpenStackSettings os) {
        Properties properties = QuietHttp.properties(os.connectTimeout(), os.readTimeout());
        properties.putAll(os.credentials().keystone());
        return ContextBuilder.newBuilder(api).endpoint(os.credentials().endpoint())
                .credentials(os.credentials().identity(), os.credentials().password()).overrides(properties)
                .modules(QuietHttp.modules());
    }

    @Override
    public String name() {
        return NAME;
    }

    // ---- networks: network, subnet, router ----

    @Override
    public NetworkRecord ensureNetwork(io.plumbery.providers.NetworkRequest request) throws ProviderException {
        if (request.existing()) {
            throw new ProviderException(NAME + ": ethernet " + request.name() + " names a network the project has; "
                    + "openstack puts nodes only on networks it makes");
        }
        Optional<String> refused = OpenStackChecks.subnet(request.subnet());
        if (refused.isPresent()) {
            throw new ProviderException(NAME + ": network " + request.name() + ": " + refused.get());
        }
        Optional<Network> external = networks.external(os.externalNetwork());
        OpenStackNetworks.Parts parts = networks.ensure(request.name(), request.subnet(), external);
        Map<String, String> attributes = new HashMap<>(Map.of("kind", "neutron-network", "region", os.region(),
                "networkId", parts.networkId(), "subnetId", parts.subnetId()));
        if (parts.routerId() != null) {
            attributes.put("routerId", parts.routerId());
            attributes.put("externalNetworkId", parts.externalNetworkId());
            attributes.put("internet", "router " + request.name() + " to external network "
                    + external.map(Network::getName).orElse(""));
        } else {
            attributes.put("internet", "none: the project sees no external network (no router, no floating IPs)");
        }
        putIfNotNull(attributes, "domain", request.domain());
        putIfNotNull(attributes, "ethernet", request.ethernet());
        return new NetworkRecord(parts.networkId(), request.name(), request.subnet(), attributes);
    }

    @Override
    public void destroyNetwork(NetworkRecord network) throws ProviderException {
        networks.destroy(network.name());
    }

    // ---- firewalls: one security group per network ----

    @Override
    public FirewallRecord ensureFirewall(FirewallRequest request) throws ProviderException {
        String network = request.network().name();
        SecurityGroup group = firewalls.ensureGroup(network);
        int rules = firewalls.reconcile(group, request.rules());
        return new FirewallRecord(group.getId(), request.name(), network, request.rules(), Map.of(
                "kind", "security-group", "securityGroup", network, "securityGroupId", group.getId(),
                "rules", String.valueOf(rules),
                "destination", "all nodes of the network (security groups filter by source only)"));
    }

    @Override
    public void destroyFirewall(FirewallRecord firewall) throws ProviderException {
        firewalls.destroy(firewall.network());
    }

    // ---- nodes: servers ----

    @Override
    public NodeRecord createNode(NodeRequest request) throws ProviderException {
        List<Refusal> refusals = OpenStackChecks.node(request.disksGb(), request.image(), os.image().isPresent());
        if (!refusals.isEmpty()) {
            throw new ProviderException(NAME + ": node " + request.name() + ": " + String.join("; ",
                    refusals.stream().map(r -> r.key() + ": " + r.why()).toList()));
        }
        Optional<Server> existing = nodes.find(request.name());
        if (existing.isPresent()) {
            return record(existing.get(), request.name(), request.network().name(), firstContact(new HashMap<>()));
        }
        Map<String, String> attributes = new HashMap<>();
        Flavor flavor = flavor(request, attributes);
        Image image = image(request, attributes);
        NetworkRecord network = request.network();
        String networkId = Optional.ofNullable(network.attributes().get("networkId")).orElse(network.id());
        SecurityGroup group = firewalls.ensureGroup(network.name());
        attributes.put("server", nodes.serverName(request.name()));
        attributes.put("securityGroupId", group.getId());
        attributes.put("userData", request.userData().isEmpty() ? "none" : "server user_data (cloud-init)");
        if (!request.disksGb().isEmpty()) {
            attributes.put("disks", "blank volumes " + request.disksGb() + " GB, deleted with the node");
        }
        Server server = nodes.create(new OpenStackNodes.Launch(request.name(), flavor.getId(), image.getId(),
                networkId, group.getName(), request.userData(), request.disksGb()));
        return record(server, request.name(), network.name(), firstContact(attributes));
    }

    @Override
    public NodeRecord startNode(NodeRecord node) throws ProviderException {
        Server server = existing(node);
        if (server.getStatus() != Server.Status.ACTIVE) {
            server = nodes.start(server, node.name());
        }
        return record(server, node.name(), node.network(), node.attributes());
    }

    @Override
    public NodeRecord stopNode(NodeRecord node) throws ProviderException {
        Server server = existing(node);
        if (server.getStatus() == Server.Status.ACTIVE) {
            server = nodes.stop(server, node.name());
        }
        return record(server, node.name(), node.network(), node.attributes());
    }

    @Override
    public void destroyNode(NodeRecord node) throws ProviderException {
        Optional<Server> server = nodes.find(node.name());
        if (server.isPresent()) {
            nodes.delete(server.get(), node.name());
        }
    }

    @Override
    public NodeRecord refreshNode(NodeRecord node) throws ProviderException {
        return nodes.find(node.name()).map(s -> record(s, node.name(), node.network(), node.attributes()))
                .orElseGet(() -> node.withStatus(NodeStatus.GONE));
    }

    // ---- public addresses: floating IPs ----

    @Override
    public PublicAddressRecord ensurePublicAddress(PublicAddressRequest request) throws ProviderException {
        Server server = existing(request.node());
        String external = networks.external(os.externalNetwork()).map(Network::getId).orElseThrow(() ->
                new ProviderException(NAME + ": node " + request.node().name() + " asks for a public address, but the "
                        + "project sees no external network to take a floating IP from"));
        FloatingIP ip = addresses.ensure(request.node().name(), server.getId(), external);
        return new PublicAddressRecord(ip.getId(), request.name(), request.node().name(), ip.getFloatingIpAddress(),
                request.ports(), Map.of("kind", "floating-ip", "floatingIpId", ip.getId(), "externalNetworkId",
                external, "serverId", server.getId(), "ports", "opened by the network's security group"));
    }

    @Override
    public void releasePublicAddress(PublicAddressRecord address) throws ProviderException {
        Optional<String> server = address.node() == null ? Optional.empty()
                : nodes.find(address.node()).map(Server::getId);
        addresses.release(address.id(), address.node(), server);
    }

    @Override
    public void close() throws ProviderException {
        try {
            QuietHttp.close(neutron, NAME);
        } finally {
            QuietHttp.close(nova, NAME);
        }
    }

    // ---- helpers ----

    /**
     * jclouds 2.7.0's Nova API cannot read a server's console ({@code os-getConsoleOutput}), where cloud-init prints
     * the host keys: the key is trusted on first contact, its fingerprint printed then.
     */
    private static Map<String, String> firstContact(Map<String, String> attributes) {
        attributes.put(ConsoleKeys.ATTRIBUTE, "none from the console output (jclouds' Nova API cannot read it): "
                + "trusted on first contact");
        return attributes;
    }

    private Flavor flavor(NodeRequest request, Map<String, String> attributes) throws ProviderException {
        List<Flavor> flavors = nodes.flavors();
        if (os.flavor().isPresent()) {
            Flavor named = OpenStackFlavors.named(os.flavor().get(), flavors).orElseThrow(() -> new ProviderException(
                    NAME + ": node " + request.name() + ": providerSettings " + OpenStackSettings.FLAVOR + " '"
                            + os.flavor().get() + "' is no flavor of the project"));
            attributes.put("flavor", OpenStackFlavors.size(named).describe() + " (providerSettings "
                    + OpenStackSettings.FLAVOR + ")");
            return named;
        }
        Flavor flavor = OpenStackFlavors.smallestFitting(request.cpu(), request.memoryMb(), flavors).orElseThrow(() ->
                new ProviderException(NAME + ": node " + request.name() + ": no flavor of the project has "
                        + request.cpu() + " vCPU and " + request.memoryMb() + " MiB (the largest: " + String.join(", ",
                        flavors.stream().map(f -> OpenStackFlavors.size(f).describe()).toList()) + "); give a smaller "
                        + "cpu or memory, or providerSettings " + OpenStackSettings.FLAVOR));
        attributes.put("flavor", OpenStackFlavors.size(flavor).describe() + ": " + OpenStackFlavors.rule(request.cpu(),
                request.memoryMb()) + " of the " + flavors.size() + " the project sees");
        return flavor;
    }

    private Image image(NodeRequest request, Map<String, String> attributes) throws ProviderException {
        List<Image> images = nodes.images();
        if (os.image().isPresent()) {
            Image named = OpenStackImages.named(os.image().get(), images).orElseThrow(() -> new ProviderException(
                    NAME + ": node " + request.name() + ": providerSettings " + OpenStackSettings.IMAGE + " '"
                            + os.image().get() + "' is no image of the project"));
            attributes.put("image", named.getName() + " (" + named.getId() + ", providerSettings "
                    + OpenStackSettings.IMAGE + ")");
            return named;
        }
        String appliance = request.image() == null ? OpenStackImages.DEFAULT : request.image();
        OpenStackImages.Names names = OpenStackImages.TABLE.lookup(appliance).orElseThrow();
        Image image = OpenStackImages.newest(names, images).orElseThrow(() -> new ProviderException(NAME + ": node "
                + request.name() + ": appliance '" + appliance + "': no active image named " + names.patterns()
                + " in the project; give one with providerSettings " + OpenStackSettings.IMAGE));
        attributes.put("image", image.getName() + " (" + image.getId() + "): the newest named " + names.patterns()
                + ", for appliance '" + names.appliance() + "'");
        return image;
    }

    private Server existing(NodeRecord node) throws ProviderException {
        return nodes.find(node.name()).orElseThrow(() -> new ProviderException(NAME + ": node " + node.name()
                + " (server " + nodes.serverName(node.name()) + ") does not exist in " + os.region()));
    }

    private NodeRecord record(Server server, String name, String network, Map<String, String> known) {
        Map<String, String> attributes = new HashMap<>(known);
        attributes.put("region", os.region());
        attributes.put("os.status", String.valueOf(server.getStatus()));
        attributes.put("os.serverId", server.getId());
        // Nova lists addresses by network name: the node's own network first, a floating IP wherever it shows
        String privateAddress = null;
        String publicAddress = null;
        for (Map.Entry<String, Address> entry : server.getAddresses().entries()) {
            Address address = entry.getValue();
            if (address.getVersion() != 4) {
                continue;
            }
            if ("floating".equals(address.getType().orNull())) {
                publicAddress = publicAddress == null ? address.getAddr() : publicAddress;
            } else if (privateAddress == null || entry.getKey().equals(network)) {
                privateAddress = address.getAddr();
            }
        }
        String host = publicAddress != null ? publicAddress : privateAddress;
        SshEndpoint ssh = host == null ? null
                : new SshEndpoint(host, 22, os.loginUser().orElse(settings.identity().user()), null);
        return new NodeRecord(server.getId(), name, network, status(server.getStatus()), privateAddress, publicAddress,
                ssh, attributes);
    }

    static NodeStatus status(Server.Status status) {
        if (status == null) {
            return NodeStatus.UNRECOGNIZED;
        }
        return switch (status) {
            case ACTIVE -> NodeStatus.RUNNING;
            case BUILD, REBUILD, REBOOT, HARD_REBOOT, PASSWORD, RESIZE, VERIFY_RESIZE, REVERT_RESIZE, MIGRATING ->
                    NodeStatus.PENDING;
            case SHUTOFF, STOPPED, SUSPENDED, PAUSED, SHELVED, SHELVED_OFFLOADED, RESCUE -> NodeStatus.STOPPED;
            case DELETED, SOFT_DELETED -> NodeStatus.GONE;
            default -> NodeStatus.UNRECOGNIZED;
        };
    }

    private static void putIfNotNull(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
