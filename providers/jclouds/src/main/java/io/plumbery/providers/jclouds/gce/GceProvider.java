package io.plumbery.providers.jclouds.gce;

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
import io.plumbery.providers.jclouds.cloud.ConsoleKeys;
import io.plumbery.providers.jclouds.cloud.QuietHttp;
import io.plumbery.providers.jclouds.cloud.Size;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jclouds.ContextBuilder;
import org.jclouds.googlecomputeengine.GoogleComputeEngineApi;
import org.jclouds.googlecomputeengine.domain.Image;
import org.jclouds.googlecomputeengine.domain.Instance;
import org.jclouds.oauth.v2.config.OAuthProperties;

/**
 * Provider {@code google-compute-engine}: GCE's own network model through jclouds' GCE API. A plan network is a
 * custom-mode VPC network and a subnetwork in the plan's region ({@link GceNetworks}), its firewall GCE firewall
 * rules targeting the network's tag ({@link GceFirewalls}), a node an instance on that subnetwork with its
 * cloud-config as {@code user-data} ({@link GceNodes}), a public address a static external address
 * ({@link StaticAddresses}). Every resource is named after the plan and marked in its description
 * ({@link GceNames}), and found by that name before anything is made, so an interrupted build resumes without making
 * anything twice, and a dispose deletes only what is the plan's.
 */
public final class GceProvider implements Provider {

    static final String NAME = "google-compute-engine";
    /** jclouds' own for GCE: the project every call's URL names. */
    static final String PROJECT_PROPERTY = "jclouds.googlecloud.project-name";
    static final String OAUTH_ENDPOINT_PROPERTY = "oauth.endpoint";
    static final String DEFAULT_ENDPOINT = "https://www.googleapis.com/compute/v1";

    private final ProviderSettings settings;
    private final GceSettings gce;
    private final GoogleComputeEngineApi api;
    private final GceScope scope;
    private final GceNetworks networks;
    private final GceFirewalls firewalls;
    private final GceNodes nodes;
    private final StaticAddresses addresses;
    private final ConsoleKeys consoleKeys;

    private GceProvider(ProviderSettings settings, GceSettings gce, GoogleComputeEngineApi api,
                        Consumer<String> progress) {
        this.settings = settings;
        this.gce = gce;
        this.api = api;
        String base = gce.endpoint().orElse(DEFAULT_ENDPOINT).replaceAll("/+$", "");
        this.scope = new GceScope(api, base, gce.credentials().project(), gce.region(), gce.zone(),
                new GceNames(settings.plan()), new GceCalls(api, gce.backoff(), gce.waitTimeout(), progress));
        this.networks = new GceNetworks(scope);
        this.firewalls = new GceFirewalls(scope);
        this.nodes = new GceNodes(scope);
        this.addresses = new StaticAddresses(scope);
        this.consoleKeys = new ConsoleKeys(NAME, GceSettings.CONSOLE_TIMEOUT, gce.consoleTimeout(), progress);
    }

    /** Builds jclouds' GCE API; no call reaches GCE yet (the first one asks the token endpoint for a token). */
    static GceProvider open(ProviderSettings settings, Function<String, String> env, Path home)
            throws ProviderException {
        Consumer<String> progress = settings.progress(NAME, false, GceSettings.KEYS);
        GceSettings gce = GceSettings.resolve(settings, env, home);
        Properties properties = QuietHttp.properties(gce.connectTimeout(), gce.readTimeout());
        properties.setProperty(PROJECT_PROPERTY, gce.credentials().project());
        gce.oauthEndpoint().ifPresent(endpoint -> {
            properties.setProperty(OAUTH_ENDPOINT_PROPERTY, endpoint);
            properties.setProperty(OAuthProperties.AUDIENCE, endpoint);
        });
        // the key signs a JWT that jclouds trades for a token at the token endpoint; QuietHttp: no logging of either
        ContextBuilder builder = ContextBuilder.newBuilder(NAME)
                .credentials(gce.credentials().clientEmail(), gce.credentials().privateKey())
                .overrides(properties).modules(QuietHttp.modules());
        gce.endpoint().ifPresent(builder::endpoint);
        GoogleComputeEngineApi api = QuietHttp.build(builder, GoogleComputeEngineApi.class, NAME, "GCE API");
        return new GceProvider(settings, gce, api, progress);
    }

    @Override
    public String name() {
        return NAME;
    }

    // ---- networks: VPC network and subnetwork ----

    @Override
    public NetworkRecord ensureNetwork(NetworkRequest request) throws ProviderException {
        if (request.existing()) {
            throw new ProviderException(NAME + ": ethernet " + request.name() + " names a network the project has; "
                    + "google-compute-engine puts nodes only on networks it makes");
        }
        Optional<String> refused = GceChecks.subnet(request.subnet());
        if (refused.isPresent()) {
            throw new ProviderException(NAME + ": network " + request.name() + ": " + refused.get());
        }
        GceNetworks.Parts parts = networks.ensure(request.name(), request.subnet());
        Map<String, String> attributes = new HashMap<>(Map.of("kind", "vpc-network", "project", scope.project(),
                "region", gce.region(), "network", parts.network(), "subnetwork", parts.subnetwork(),
                "internet", "GCE's default route; used by nodes with an external address only"));
        putIfNotNull(attributes, "domain", request.domain());
        putIfNotNull(attributes, "ethernet", request.ethernet());
        return new NetworkRecord(GceNames.of(request.name()), request.name(), request.subnet(), attributes);
    }

    @Override
    public void destroyNetwork(NetworkRecord network) throws ProviderException {
        networks.destroy(network.name());
    }

    // ---- firewalls: one GCE rule per source range ----

    @Override
    public FirewallRecord ensureFirewall(FirewallRequest request) throws ProviderException {
        NetworkRecord network = request.network();
        URI link = URI.create(network.attributes().getOrDefault("network",
                scope.project("global/networks/" + GceNames.of(network.name())).toString()));
        int rules = firewalls.reconcile(network.name(), link, request.rules());
        String tag = GceNames.networkTag(GceNames.of(network.name()));
        return new FirewallRecord(tag, request.name(), network.name(), request.rules(), Map.of("kind",
                "firewall-rules", "rules", String.valueOf(rules), "targetTag", tag, "names",
                GceNames.of(network.name()) + "-from-SOURCE", "destination",
                "all nodes of the network (the rules target its tag)"));
    }

    @Override
    public void destroyFirewall(FirewallRecord firewall) throws ProviderException {
        firewalls.destroy(firewall.network());
    }

    // ---- nodes: instances ----

    @Override
    public NodeRecord createNode(NodeRequest request) throws ProviderException {
        List<Refusal> refusals = GceChecks.node(request.cpu(), request.memoryMb(), request.disksGb(), request.image(),
                gce.machineType().isPresent(), gce.image().isPresent());
        if (!refusals.isEmpty()) {
            throw new ProviderException(NAME + ": node " + request.name() + ": " + String.join("; ",
                    refusals.stream().map(r -> r.key() + ": " + r.why()).toList()));
        }
        Optional<Instance> existing = nodes.find(request.name());
        if (existing.isPresent()) {
            return withConsoleKey(existing.get(), request.name(), request.network().name(), new HashMap<>());
        }
        Map<String, String> attributes = new HashMap<>();
        String machineType = machineType(request.cpu(), request.memoryMb(), attributes);
        URI image = image(request, attributes);
        NetworkRecord network = request.network();
        String name = GceNames.of(network.name());
        String networkLink = network.attributes().getOrDefault("network",
                scope.project("global/networks/" + name).toString());
        String subnetwork = network.attributes().getOrDefault("subnetwork",
                scope.regional("subnetworks/" + name).toString());
        attributes.put("instance", nodes.instanceName(request.name()));
        attributes.put("zone", gce.zone());
        attributes.put("userData", request.userData().isEmpty() ? "none" : "metadata user-data (cloud-init)");
        if (!request.disksGb().isEmpty()) {
            attributes.put("disks", gce.diskType() + " persistent disks " + request.disksGb() + " GB, deleted with "
                    + "the node");
        }
        Instance instance = nodes.create(new GceNodes.Launch(request.name(), machineType, image, networkLink,
                subnetwork, GceNames.networkTag(name), request.userData(), request.disksGb(), gce.diskType()));
        return withConsoleKey(instance, request.name(), network.name(), attributes);
    }

    /**
     * A new node's record, once its serial port output showed its SSH host key (which its endpoint then carries) or
     * the wait for it ended; the instance as GCE describes it by then.
     */
    private NodeRecord withConsoleKey(Instance instance, String name, String network, Map<String, String> attributes)
            throws ProviderException {
        Optional<String> key = consoleKeys.await(name, () -> nodes.console(name), attributes);
        Instance now = nodes.find(name).orElse(instance);
        return record(now, name, network, attributes, key.orElse(null));
    }

    @Override
    public NodeRecord startNode(NodeRecord node) throws ProviderException {
        Instance instance = existing(node);
        if (instance.status() != Instance.Status.RUNNING) {
            nodes.start(instance, node.name());
        }
        return refreshNode(node);
    }

    @Override
    public NodeRecord stopNode(NodeRecord node) throws ProviderException {
        Instance instance = existing(node);
        if (instance.status() == Instance.Status.RUNNING) {
            nodes.stop(instance, node.name());
        }
        return refreshNode(node);
    }

    @Override
    public void destroyNode(NodeRecord node) throws ProviderException {
        Optional<Instance> instance = nodes.find(node.name());
        if (instance.isPresent()) {
            nodes.delete(instance.get(), node.name());
        }
    }

    @Override
    public NodeRecord refreshNode(NodeRecord node) throws ProviderException {
        return nodes.find(node.name()).map(i -> record(i, node.name(), node.network(), node.attributes(),
                node.ssh() == null ? null : node.ssh().hostKey())).orElseGet(() -> node.withStatus(NodeStatus.GONE));
    }

    // ---- public addresses: static external addresses ----

    @Override
    public PublicAddressRecord ensurePublicAddress(PublicAddressRequest request) throws ProviderException {
        Instance instance = existing(request.node());
        String ip = addresses.ensure(request.name(), instance);
        return new PublicAddressRecord(GceNames.of(request.name()), request.name(), request.node().name(), ip,
                request.ports(), Map.of("kind", "static-external-address", "region", gce.region(), "instance",
                instance.name(), "ports", "opened by the network's firewall rules"));
    }

    @Override
    public void releasePublicAddress(PublicAddressRecord address) throws ProviderException {
        addresses.release(address.name(), address.node() == null ? Optional.empty() : nodes.find(address.node()));
    }

    @Override
    public void close() throws ProviderException {
        QuietHttp.close(api, NAME);
    }

    // ---- helpers ----

    /** The machine type: {@code gce.machine-type}, else the smallest of the table that fits. */
    private String machineType(int cpu, int memoryMb, Map<String, String> attributes) {
        if (gce.machineType().isPresent()) {
            attributes.put("machineType", gce.machineType().get() + " (providerSettings " + GceSettings.MACHINE_TYPE
                    + ")");
            return gce.machineType().get();
        }
        Size type = MachineTypes.TABLE.smallestFitting(cpu, memoryMb).orElseThrow();
        attributes.put("machineType", type.describe() + ": the smallest of google-compute-engine's table with " + cpu
                + " cpu and " + memoryMb + " MiB");
        return type.name();
    }

    private URI image(NodeRequest request, Map<String, String> attributes) throws ProviderException {
        if (gce.image().isPresent()) {
            Image image = nodes.image(scope.image(gce.image().get()), "providerSettings " + GceSettings.IMAGE);
            attributes.put("image", image.name() + " (providerSettings " + GceSettings.IMAGE + ")");
            return image.selfLink();
        }
        String appliance = request.image() == null ? GceImages.DEFAULT : request.image();
        GceImages.Family family = GceImages.TABLE.lookup(appliance).orElseThrow();
        Image image = nodes.image(scope.image(family.path()), "appliance '" + appliance + "'");
        attributes.put("image", image.name() + ": the newest of family " + family.family() + " (" + family.project()
                + "), for appliance '" + family.appliance() + "'");
        return image.selfLink();
    }

    private Instance existing(NodeRecord node) throws ProviderException {
        return nodes.find(node.name()).orElseThrow(() -> new ProviderException(NAME + ": node " + node.name()
                + " (instance " + nodes.instanceName(node.name()) + ") does not exist in " + gce.zone()));
    }

    /** @param hostKey the node's SSH host key as its console showed it, or null: trusted on first contact */
    private NodeRecord record(Instance instance, String name, String network, Map<String, String> known,
                              String hostKey) {
        Map<String, String> attributes = new HashMap<>(known);
        attributes.put("zone", gce.zone());
        attributes.put("gce.status", String.valueOf(instance.status()));
        if (instance.machineType() != null) {
            String type = instance.machineType().getPath();
            attributes.put("gce.machineType", type.substring(type.lastIndexOf('/') + 1));
        }
        String privateAddress = instance.networkInterfaces() == null || instance.networkInterfaces().isEmpty() ? null
                : instance.networkInterfaces().get(0).networkIP();
        String publicAddress = StaticAddresses.accessConfig(instance).map(c -> c.natIP()).orElse(null);
        String host = publicAddress != null ? publicAddress : privateAddress;
        SshEndpoint ssh = host == null ? null
                : new SshEndpoint(host, 22, gce.loginUser().orElse(settings.identity().user()), hostKey);
        return new NodeRecord(instance.name(), name, network, status(instance.status()), privateAddress,
                publicAddress, ssh, attributes);
    }

    /** GCE's TERMINATED is a stopped instance (it keeps its disks and can be started); a deleted one is not found. */
    static NodeStatus status(Instance.Status status) {
        if (status == null) {
            return NodeStatus.UNRECOGNIZED;
        }
        return switch (status) {
            case PROVISIONING, STAGING -> NodeStatus.PENDING;
            case RUNNING -> NodeStatus.RUNNING;
            case STOPPING, STOPPED, TERMINATED -> NodeStatus.STOPPED;
        };
    }

    private static void putIfNotNull(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
