package io.plumbery.providers.jclouds.azure;

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
import io.plumbery.providers.ProviderFactory.Refusal;
import io.plumbery.providers.ProviderSettings;
import io.plumbery.providers.PublicAddressRecord;
import io.plumbery.providers.PublicAddressRequest;
import io.plumbery.providers.jclouds.cloud.QuietHttp;
import io.plumbery.providers.jclouds.cloud.Size;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jclouds.ContextBuilder;
import org.jclouds.azurecompute.arm.AzureComputeApi;
import org.jclouds.azurecompute.arm.domain.IdReference;
import org.jclouds.azurecompute.arm.domain.ImageReference;
import org.jclouds.azurecompute.arm.domain.NetworkInterfaceCard;
import org.jclouds.azurecompute.arm.domain.VirtualMachine;
import org.jclouds.azurecompute.arm.domain.VirtualMachineInstance.PowerState;

import com.google.inject.Module;

/**
 * Provider {@code azure}: Azure Resource Manager through jclouds' {@code azurecompute-arm} API. Everything of a plan
 * is in one resource group; a plan network is a subnet of its domain's virtual network with a network security group
 * ({@link AzureNetworks}), its firewall that group's rules ({@link AzureFirewalls}), a node a NIC and a VM with
 * managed disks and its cloud-config as custom data ({@link AzureNodes}), a public address a static Standard public
 * IP on the node's NIC ({@link PublicAddresses}). Every resource is named after the plan's and tagged with the plan
 * and its name ({@link AzureNames}), and found by that name before anything is made, so an interrupted build resumes
 * without making anything twice, and a dispose deletes only what is the plan's, the resource group last.
 */
public final class AzureProvider implements Provider {

    static final String NAME = "azure";
    /** jclouds' own provider id. */
    static final String JCLOUDS_PROVIDER = "azurecompute-arm";
    static final String OAUTH_ENDPOINT_PROPERTY = "oauth.endpoint";
    static final String OAUTH_RESOURCE_PROPERTY = "jclouds.oauth.resource";
    static final String TENANT_PROPERTY = "azurecompute-arm.tenantId";

    private final ProviderSettings settings;
    private final AzureSettings azure;
    private final AzureComputeApi api;
    private final AzureScope scope;
    private final AzureNetworks networks;
    private final AzureFirewalls firewalls;
    private final AzureNodes nodes;
    private final PublicAddresses addresses;
    private final Consumer<String> progress;

    private AzureProvider(ProviderSettings settings, AzureSettings azure, AzureComputeApi api,
                          Consumer<String> progress) {
        this.settings = settings;
        this.azure = azure;
        this.api = api;
        this.progress = progress;
        this.scope = new AzureScope(api, "/subscriptions/" + azure.credentials().subscriptionId(),
                azure.resourceGroup(), azure.location(), new AzureNames(settings.plan()),
                new AzureCalls(api, azure.backoff(), azure.waitTimeout(), progress));
        this.networks = new AzureNetworks(scope, progress);
        this.firewalls = new AzureFirewalls(scope);
        this.nodes = new AzureNodes(scope);
        this.addresses = new PublicAddresses(scope, nodes);
    }

    /**
     * Builds jclouds' Azure API; no call reaches Azure yet (the first one asks Microsoft Entra ID for a token with the
     * service principal's secret; QuietHttp: neither is ever logged).
     */
    static AzureProvider open(ProviderSettings settings, Function<String, String> env) throws ProviderException {
        Consumer<String> progress = settings.progress(NAME, false, AzureSettings.KEYS);
        AzureSettings azure = AzureSettings.resolve(settings, env);
        AzureCredentials credentials = azure.credentials();
        Properties properties = QuietHttp.properties(azure.connectTimeout(), azure.readTimeout());
        properties.setProperty(TENANT_PROPERTY, credentials.tenantId());
        properties.setProperty(OAUTH_ENDPOINT_PROPERTY, azure.oauthEndpoint() + "/" + credentials.tenantId()
                + "/oauth2/token");
        properties.setProperty(OAUTH_RESOURCE_PROPERTY, azure.endpoint() + "/");
        ContextBuilder builder = ContextBuilder.newBuilder(JCLOUDS_PROVIDER)
                .credentials(credentials.clientId(), credentials.clientSecret())
                .endpoint(azure.endpoint() + "/subscriptions/" + credentials.subscriptionId())
                .overrides(properties).modules(modules(credentials.tenantId()));
        AzureComputeApi api = QuietHttp.build(builder, AzureComputeApi.class, NAME, "Azure Resource Manager API");
        return new AzureProvider(settings, azure, api, progress);
    }

    private static List<Module> modules(String tenant) {
        List<Module> modules = new ArrayList<>(QuietHttp.modules());
        modules.add(new TenantModule(tenant));
        return modules;
    }

    @Override
    public String name() {
        return NAME;
    }

    // ---- networks: resource group, virtual network, subnet, network security group ----

    @Override
    public NetworkRecord ensureNetwork(NetworkRequest request) throws ProviderException {
        if (request.existing()) {
            throw new ProviderException(NAME + ": ethernet " + request.name() + " names a network the subscription "
                    + "has; azure puts nodes only on networks it makes");
        }
        Optional<String> refused = AzureChecks.subnet(request.subnet());
        if (refused.isPresent()) {
            throw new ProviderException(NAME + ": network " + request.name() + ": " + refused.get());
        }
        AzureNetworks.Parts parts = networks.ensure(request.name(), request.domain(), request.ethernet(),
                request.subnet());
        Map<String, String> attributes = new HashMap<>(Map.of("kind", "virtual-network-subnet",
                "resourceGroup", azure.resourceGroup(), "location", azure.location(),
                "virtualNetwork", parts.virtualNetwork(), "subnet", parts.subnet(), "subnetId", parts.subnetId(),
                "securityGroup", parts.securityGroup(),
                "internet", "Azure's default outbound access; inbound only to nodes with a public IP, on the "
                        + "firewall's rules"));
        putIfNotNull(attributes, "domain", request.domain());
        putIfNotNull(attributes, "ethernet", request.ethernet());
        return new NetworkRecord(parts.subnetId(), request.name(), request.subnet(), attributes);
    }

    @Override
    public void destroyNetwork(NetworkRecord network) throws ProviderException {
        networks.destroy(network.name(), Optional.ofNullable(network.attributes().get("virtualNetwork")),
                Optional.ofNullable(network.attributes().get("subnet")), network.subnet());
    }

    // ---- firewalls: the rules of the network's security group ----

    @Override
    public FirewallRecord ensureFirewall(FirewallRequest request) throws ProviderException {
        NetworkRecord network = request.network();
        AzureFirewalls.Applied applied = firewalls.reconcile(network.name(), request.rules());
        String nsg = AzureNetworks.securityGroup(network.name());
        Map<String, String> attributes = new HashMap<>(Map.of("kind", "network-security-group", "securityGroup", nsg,
                "rules", String.valueOf(applied.written()), "attached", "to the NIC of every node of the network"));
        if (!applied.leftOut().isEmpty()) {
            attributes.put("notWritten", String.join(", ", applied.leftOut()) + ": jclouds 2.7.0 writes no Icmp "
                    + "rules; ping within the virtual network passes Azure's AllowVnetInBound");
        }
        return new FirewallRecord(nsg, request.name(), network.name(), request.rules(), attributes);
    }

    @Override
    public void destroyFirewall(FirewallRecord firewall) throws ProviderException {
        firewalls.destroy(firewall.network());
    }

    // ---- nodes: NIC, VM, managed disks ----

    @Override
    public NodeRecord createNode(NodeRequest request) throws ProviderException {
        List<Refusal> refusals = AzureChecks.node(request.cpu(), request.memoryMb(), request.disksGb(),
                request.image(), azure.vmSize().isPresent(), azure.image().isPresent());
        if (!refusals.isEmpty()) {
            throw new ProviderException(NAME + ": node " + request.name() + ": " + String.join("; ",
                    refusals.stream().map(r -> r.key() + ": " + r.why()).toList()));
        }
        Optional<VirtualMachine> existing = nodes.find(request.name());
        if (existing.isPresent() && "FAILED".equals(AzureNodes.provisioning(existing.get()))) {
            progress.accept(NAME + ": VM " + existing.get().name() + " failed to provision before; deleting it and "
                    + "its disks to make it again");
            nodes.delete(request.name(), request.disksGb().size());
            existing = Optional.empty();
        }
        if (existing.isPresent()) {
            return record(existing.get(), request.name(), request.network().name(), Map.of());
        }
        Map<String, String> attributes = new HashMap<>();
        String size = vmSize(request.cpu(), request.memoryMb(), attributes);
        ImageReference image = image(request.image(), attributes);
        NetworkRecord network = request.network();
        String subnetId = network.attributes().getOrDefault("subnetId", network.id());
        if (subnetId == null) {
            throw new ProviderException(NAME + ": node " + request.name() + ": network " + network.name()
                    + " has no subnet yet: build the network first");
        }
        String nsg = network.attributes().getOrDefault("securityGroup", AzureNetworks.securityGroup(network.name()));
        attributes.put("vm", AzureNodes.vmName(request.name()));
        attributes.put("resourceGroup", azure.resourceGroup());
        attributes.put("userData", request.userData().isEmpty() ? "none" : "custom data (cloud-init)");
        if (!request.disksGb().isEmpty()) {
            attributes.put("disks", azure.diskType() + " managed data disks " + request.disksGb() + " GB, deleted with "
                    + "the node");
        }
        VirtualMachine vm = nodes.create(new AzureNodes.Launch(request.name(), size, image, subnetId,
                scope.id("Microsoft.Network/networkSecurityGroups/" + nsg), user(),
                settings.identity().publicKey(), request.userData(), request.disksGb(), azure.diskType()));
        return record(vm, request.name(), network.name(), attributes);
    }

    @Override
    public NodeRecord startNode(NodeRecord node) throws ProviderException {
        existing(node);
        if (nodes.power(node.name()) != PowerState.RUNNING) {
            nodes.start(node.name());
        }
        return refreshNode(node);
    }

    @Override
    public NodeRecord stopNode(NodeRecord node) throws ProviderException {
        existing(node);
        if (nodes.power(node.name()) != PowerState.DEALLOCATED) {
            nodes.stop(node.name());
        }
        return refreshNode(node);
    }

    @Override
    public void destroyNode(NodeRecord node) throws ProviderException {
        String disks = node.attributes().get("dataDisks");
        nodes.delete(node.name(), disks == null ? 0 : Integer.parseInt(disks));
    }

    @Override
    public NodeRecord refreshNode(NodeRecord node) throws ProviderException {
        Optional<VirtualMachine> vm = nodes.find(node.name());
        if (vm.isEmpty()) {
            return node.withStatus(NodeStatus.GONE);
        }
        return record(vm.get(), node.name(), node.network(), node.attributes());
    }

    // ---- public addresses: static Standard public IPs ----

    @Override
    public PublicAddressRecord ensurePublicAddress(PublicAddressRequest request) throws ProviderException {
        existing(request.node());
        String ip = addresses.ensure(request.name(), request.node().name());
        return new PublicAddressRecord(AzureNames.of(request.name()), request.name(), request.node().name(), ip,
                request.ports(), Map.of("kind", "public-ip-address", "sku", "Standard, static",
                "nic", AzureNodes.nicName(request.node().name()),
                "ports", "opened by the network security group's rules"));
    }

    @Override
    public void releasePublicAddress(PublicAddressRecord address) throws ProviderException {
        addresses.release(address.name(), address.node());
    }

    @Override
    public void close() throws ProviderException {
        QuietHttp.close(api, NAME);
    }

    // ---- helpers ----

    /** The VM size: {@code azure.vm-size}, else the smallest of the table that fits. */
    private String vmSize(int cpu, int memoryMb, Map<String, String> attributes) {
        if (azure.vmSize().isPresent()) {
            attributes.put("vmSize", azure.vmSize().get() + " (providerSettings " + AzureSettings.VM_SIZE + ")");
            return azure.vmSize().get();
        }
        Size size = VmSizes.TABLE.smallestFitting(cpu, memoryMb).orElseThrow();
        attributes.put("vmSize", size.describe() + ": the smallest of azure's table with " + cpu + " cpu and "
                + memoryMb + " MiB");
        return size.name();
    }

    private ImageReference image(String appliance, Map<String, String> attributes) {
        String urn;
        if (azure.image().isPresent()) {
            urn = azure.image().get();
            attributes.put("image", urn + " (providerSettings " + AzureSettings.IMAGE + ")");
        } else {
            String name = appliance == null ? AzureImages.DEFAULT : appliance;
            AzureImages.Image image = AzureImages.TABLE.lookup(name).orElseThrow();
            urn = image.urn();
            attributes.put("image", urn + ", for appliance '" + image.appliance() + "'");
        }
        String[] parts = urn.split(":");
        return ImageReference.builder().publisher(parts[0]).offer(parts[1]).sku(parts[2]).version(parts[3]).build();
    }

    private String user() {
        return azure.loginUser().orElse(settings.identity().user());
    }

    private VirtualMachine existing(NodeRecord node) throws ProviderException {
        return nodes.find(node.name()).orElseThrow(() -> new ProviderException(NAME + ": node " + node.name()
                + " (VM " + AzureNodes.vmName(node.name()) + ") does not exist in resource group "
                + azure.resourceGroup()));
    }

    private NodeRecord record(VirtualMachine vm, String name, String network, Map<String, String> known)
            throws ProviderException {
        Map<String, String> attributes = new HashMap<>(known);
        attributes.put("location", azure.location());
        attributes.put("azure.provisioningState", AzureNodes.provisioning(vm));
        PowerState power = nodes.power(name);
        attributes.put("azure.powerState", power.name());
        if (vm.properties() != null && vm.properties().hardwareProfile() != null) {
            attributes.put("azure.vmSize", vm.properties().hardwareProfile().vmSize());
        }
        if (vm.properties() != null && vm.properties().storageProfile() != null
                && vm.properties().storageProfile().dataDisks() != null) {
            attributes.put("dataDisks", String.valueOf(vm.properties().storageProfile().dataDisks().size()));
        }
        NetworkInterfaceCard nic = nodes.nic(AzureNodes.nicName(name));
        String privateAddress = nic == null || nic.properties().ipConfigurations() == null
                || nic.properties().ipConfigurations().isEmpty() ? null
                : nic.properties().ipConfigurations().get(0).properties().privateIPAddress();
        Optional<String> publicId = PublicAddresses.publicId(nic);
        String publicAddress = publicId.isEmpty() ? null : addresses.ip(IdReference.extractName(publicId.get()));
        String host = publicAddress != null ? publicAddress : privateAddress;
        SshEndpoint ssh = host == null ? null : new SshEndpoint(host, 22, user(), null);
        return new NodeRecord(vm.name(), name, network, status(AzureNodes.provisioning(vm), power), privateAddress,
                publicAddress, ssh, attributes);
    }

    /** A VM being made or changed is PENDING; a deallocated or powered-off one STOPPED. */
    static NodeStatus status(String provisioning, PowerState power) {
        if ("FAILED".equals(provisioning)) {
            return NodeStatus.UNRECOGNIZED;
        }
        return switch (power) {
            case RUNNING -> NodeStatus.RUNNING;
            case STARTING -> NodeStatus.PENDING;
            case STOPPED, STOPPING, DEALLOCATED, DEALLOCATING -> NodeStatus.STOPPED;
            default -> "SUCCEEDED".equals(provisioning) ? NodeStatus.UNRECOGNIZED : NodeStatus.PENDING;
        };
    }

    private static void putIfNotNull(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
