package io.plumbery.providers.jclouds;

import io.plumbery.providers.FirewallRecord;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.Provider;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderSettings;
import io.plumbery.providers.PublicAddressRecord;
import io.plumbery.providers.PublicAddressRequest;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jclouds.ContextBuilder;
import org.jclouds.apis.Apis;
import org.jclouds.compute.ComputeService;
import org.jclouds.compute.ComputeServiceContext;
import org.jclouds.compute.config.ComputeServiceProperties;
import org.jclouds.compute.domain.Hardware;
import org.jclouds.compute.domain.Image;
import org.jclouds.compute.domain.NodeMetadata;
import org.jclouds.compute.domain.SecurityGroup;
import org.jclouds.compute.domain.Template;
import org.jclouds.compute.domain.TemplateBuilder;
import org.jclouds.compute.options.TemplateOptions;
import org.jclouds.domain.Location;
import org.jclouds.logging.slf4j.config.SLF4JLoggingModule;
import org.jclouds.rest.ResourceNotFoundException;

/**
 * A {@link Provider} over jclouds' portable {@link ComputeService}.
 *
 * <ul>
 *   <li>Nodes are jclouds nodes in group = the plan's name (lower-cased), named after the plan's node and tagged
 *       ({@code plumbery-node}, {@code plumbery-network}), so they are found by name after a crash.</li>
 *   <li>Networks are logical: jclouds' portable API has none, nodes join the cloud's default network; a network
 *       the cloud already has (the plan names it without declaring it) is asked for by name when nodes are made
 *       (template option {@code networks}).</li>
 *   <li>Firewalls are security groups, one per network: a cloud without jclouds' {@code SecurityGroupExtension}
 *       (the stub has one) is refused at {@code plan} ({@link FirewallSupport}), never left open.</li>
 *   <li>Public addresses are the node's own public IP; jclouds has no portable floating-IP API.</li>
 * </ul>
 */
public final class JcloudsProvider implements Provider {

    private static final String EXISTING_NETWORK = "existing";

    private final String name;
    private final JcloudsOptions options;
    private final ProviderSettings settings;
    private final ComputeServiceContext context;
    private final ComputeService compute;
    private final String group;
    private final Optional<SecurityGroups> securityGroups;
    private final ConcurrentMap<String, Object> nodeLocks = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile List<Image> images;
    private volatile Location defaultLocation;

    private JcloudsProvider(String name, JcloudsOptions options, ProviderSettings settings,
                            ComputeServiceContext context) {
        this.name = name;
        this.options = options;
        this.settings = settings;
        this.context = context;
        this.compute = context.getComputeService();
        this.group = NodeMapping.group(settings.plan());
        this.securityGroups = Optional.ofNullable(compute.getSecurityGroupExtension().orNull())
                .map(SecurityGroups::new);
    }

    /**
     * Builds the jclouds context; no call reaches the cloud yet.
     *
     * @param fixedProvider the jclouds id this factory stands for, or null to read {@code jclouds.provider}
     */
    static JcloudsProvider open(String name, String fixedProvider, ProviderSettings settings,
                                Function<String, String> env) throws ProviderException {
        JcloudsOptions options = JcloudsOptions.resolve(fixedProvider, settings, env);
        ContextBuilder builder;
        try {
            builder = ContextBuilder.newBuilder(options.providerId());
        } catch (NoSuchElementException e) {
            throw new ProviderException("unknown jclouds provider '" + options.providerId() + "'; known: "
                    + knownComputeIds(), false, e);
        }
        Properties properties = new Properties();
        if (options.isStub()) { // in memory: poll often, the stub answers in 50-100 ms
            properties.setProperty(ComputeServiceProperties.POLL_INITIAL_PERIOD, "5");
            properties.setProperty(ComputeServiceProperties.POLL_MAX_PERIOD, "20");
        }
        properties.putAll(options.overrides());
        builder.credentials(options.identity(), options.credential()).overrides(properties)
                .modules(List.of(new SLF4JLoggingModule()));
        options.endpoint().ifPresent(builder::endpoint);
        try {
            return new JcloudsProvider(name, options, settings, builder.buildView(ComputeServiceContext.class));
        } catch (RuntimeException e) {
            throw JcloudsErrors.map("opening jclouds provider " + options.providerId(), options.providerId(), e);
        }
    }

    static String knownComputeIds() {
        TreeSet<String> ids = new TreeSet<>();
        org.jclouds.providers.Providers.viewableAs(ComputeServiceContext.class).forEach(p -> ids.add(p.getId()));
        Apis.viewableAs(ComputeServiceContext.class).forEach(a -> ids.add(a.getId()));
        return String.join(", ", ids);
    }

    @Override
    public String name() {
        return name;
    }

    /** The jclouds group this provider's nodes live in. */
    String group() {
        return group;
    }

    ComputeService computeService() {
        return compute;
    }

    // ---- networks: logical ----

    @Override
    public NetworkRecord ensureNetwork(NetworkRequest request) {
        Map<String, String> attributes = new HashMap<>();
        if (request.existing()) {
            attributes.put("kind", EXISTING_NETWORK);
            attributes.put("reason", "a network of the cloud, named in the plan: nodes ask for it by name when they "
                    + "are made (jclouds' template option networks); plumbery never deletes it");
        } else {
            attributes.put("kind", "logical");
            attributes.put("reason", "jclouds' portable API has no networks; nodes join the cloud's default network");
        }
        attributes.put("jclouds.provider", options.providerId());
        putIfNotNull(attributes, "domain", request.domain());
        putIfNotNull(attributes, "ethernet", request.ethernet());
        return new NetworkRecord(request.name(), request.name(), request.subnet(), attributes);
    }

    @Override
    public void destroyNetwork(NetworkRecord network) {
        // logical: nothing exists at the cloud
    }

    // ---- firewalls: security groups where the cloud has them ----

    @Override
    public FirewallRecord ensureFirewall(FirewallRequest request) throws ProviderException {
        String network = request.network().name();
        if (securityGroups.isEmpty()) {
            // plan refuses such a cloud (FirewallSupport); this is for one whose view could not be asked then
            throw new ProviderException("firewall " + request.name() + ": jclouds has no security groups for "
                    + options.providerId() + ", so nothing would keep out what the plan does not let in");
        }
        return call("ensuring firewall " + request.name(), () -> {
            SecurityGroups groups = securityGroups.get();
            SecurityGroup sg = groups.reconcile(groups.ensure(SecurityGroups.nameFor(group, network), location()),
                    request.rules());
            return new FirewallRecord(sg.getId(), request.name(), network, request.rules(), Map.of(
                    "kind", "security-group",
                    "securityGroup", sg.getName(),
                    "permissions", String.valueOf(sg.getIpPermissions().size()),
                    "attachedToNodes", attachesGroups() ? "at node creation" : "no: recorded only",
                    "destination", "all nodes of the network (security groups ignore a rule's destination)"));
        });
    }

    @Override
    public void destroyFirewall(FirewallRecord firewall) throws ProviderException {
        if (securityGroups.isEmpty() || "logical".equals(firewall.attributes().get("kind"))) {
            return;
        }
        call("destroying firewall " + firewall.name(), () -> {
            String sgName = firewall.attributes().getOrDefault("securityGroup",
                    SecurityGroups.nameFor(group, firewall.network()));
            securityGroups.get().find(firewall.id(), sgName).ifPresent(securityGroups.get()::remove);
            return null;
        });
    }

    // ---- nodes ----

    @Override
    public NodeRecord createNode(NodeRequest request) throws ProviderException {
        return call("creating node " + request.name(), () -> {
            synchronized (nodeLocks.computeIfAbsent(request.name(), key -> new Object())) {
                Optional<NodeMetadata> existing = findByName(request.name());
                if (existing.isPresent()) {
                    return record(existing.get(), request.name(), request.network().name(), Map.of());
                }
                Map<String, String> attributes = new HashMap<>();
                Template template = template(request, attributes);
                NodeMetadata node = compute.createNodesInGroup(group, 1, template).iterator().next();
                return record(node, request.name(), request.network().name(), attributes);
            }
        });
    }

    @Override
    public NodeRecord startNode(NodeRecord record) throws ProviderException {
        return call("starting node " + record.name(), () -> {
            NodeMetadata node = resolve(record).orElseThrow(() -> gone(record));
            switch (node.getStatus()) {
                case RUNNING -> { }
                case SUSPENDED -> compute.resumeNode(node.getId());
                case PENDING -> throw new ProviderException("cannot start node " + record.name()
                        + " yet: it is PENDING on " + options.providerId(), true, null);
                default -> throw new ProviderException("cannot start node " + record.name() + ": it is "
                        + node.getStatus() + " (" + node.getBackendStatus() + ") on " + options.providerId());
            }
            return refreshed(node.getId(), record);
        });
    }

    @Override
    public NodeRecord stopNode(NodeRecord record) throws ProviderException {
        return call("stopping node " + record.name(), () -> {
            NodeMetadata node = resolve(record).orElseThrow(() -> gone(record));
            switch (node.getStatus()) {
                case SUSPENDED -> { }
                case RUNNING -> compute.suspendNode(node.getId());
                case PENDING -> throw new ProviderException("cannot stop node " + record.name()
                        + " yet: it is PENDING on " + options.providerId(), true, null);
                default -> throw new ProviderException("cannot stop node " + record.name() + ": it is "
                        + node.getStatus() + " (" + node.getBackendStatus() + ") on " + options.providerId());
            }
            return refreshed(node.getId(), record);
        });
    }

    @Override
    public void destroyNode(NodeRecord record) throws ProviderException {
        call("destroying node " + record.name(), () -> {
            resolve(record).ifPresent(node -> compute.destroyNode(node.getId()));
            return null;
        });
    }

    @Override
    public NodeRecord refreshNode(NodeRecord record) throws ProviderException {
        return call("refreshing node " + record.name(), () -> resolve(record)
                .map(node -> record(node, record.name(), record.network(), record.attributes()))
                .orElseGet(() -> record.withStatus(io.plumbery.providers.NodeStatus.GONE)));
    }

    // ---- public addresses: the node's own ----

    @Override
    public PublicAddressRecord ensurePublicAddress(PublicAddressRequest request) throws ProviderException {
        return call("giving node " + request.node().name() + " a public address", () -> {
            NodeMetadata node = resolve(request.node()).orElseThrow(() -> gone(request.node()));
            if (node.getPublicAddresses().isEmpty()) {
                throw new ProviderException("node " + request.node().name() + " has no public address on "
                        + options.providerId() + ", and jclouds' portable API cannot allocate one; have the cloud "
                        + "assign public IPs to new nodes (subnet or template settings)");
            }
            String address = new TreeSet<>(node.getPublicAddresses()).first();
            return new PublicAddressRecord(address, request.name(), request.node().name(), address, request.ports(),
                    Map.of("kind", "node-public-ip", "nodeId", node.getId(),
                            "ports", "opened by the network's firewall rules"));
        });
    }

    @Override
    public void releasePublicAddress(PublicAddressRecord address) {
        // the node's own address: it goes with the node
    }

    @Override
    public void close() throws ProviderException {
        if (closed.compareAndSet(false, true)) {
            try {
                context.close();
            } catch (RuntimeException e) {
                throw JcloudsErrors.map("closing", options.providerId(), e);
            }
        }
    }

    // ---- helpers ----

    private Template template(NodeRequest request, Map<String, String> attributes) throws ProviderException {
        TemplateBuilder builder = compute.templateBuilder();
        String imageId = options.imageId().isPresent() ? options.imageId().get()
                : ImageMatcher.match(request.image(), images(), options.providerId()).getId();
        builder.imageId(imageId);
        if (options.hardwareId().isPresent()) {
            builder.hardwareId(options.hardwareId().get());
        } else {
            builder.minCores(Math.max(1, request.cpu())).minRam(Math.max(0, request.memoryMb()));
        }
        options.location().ifPresent(builder::locationId);
        TemplateOptions templateOptions = compute.templateOptions();
        templateOptions.nodeNames(List.of(request.name()));
        templateOptions.userMetadata(NodeMapping.META_PLAN, settings.plan());
        templateOptions.userMetadata(NodeMapping.META_NODE, request.name());
        templateOptions.userMetadata(NodeMapping.META_NETWORK, request.network().name());
        if (EXISTING_NETWORK.equals(request.network().attributes().get("kind"))) {
            templateOptions.networks(request.network().name());
            attributes.put("network", request.network().name() + " (the cloud's, asked for by name)");
        }
        attributes.put("userData", UserData.apply(templateOptions, request.userData()));
        if (attachesGroups()) {
            SecurityGroup sg = securityGroups.get().ensure(SecurityGroups.nameFor(group, request.network().name()),
                    location());
            templateOptions.securityGroups(sg.getName());
            attributes.put("securityGroup", sg.getName());
        }
        if (!request.disksGb().isEmpty()) {
            attributes.put("disks", "not attached: jclouds' portable API has no volumes (asked for "
                    + request.disksGb() + " GB)");
        }
        builder.options(templateOptions);
        try {
            return builder.build();
        } catch (NoSuchElementException | IllegalArgumentException e) {
            throw new ProviderException("no hardware on " + options.providerId() + " for node " + request.name()
                    + " with " + request.cpu() + " cpu and " + request.memoryMb() + " MiB (image " + imageId + "): "
                    + e.getMessage() + "; hardware: " + hardware(), false, e);
        }
    }

    /** Security groups go onto nodes where the cloud honours the portable option. Never on the stub: its
     *  group-membership map is not thread-safe and nodes are created in parallel; there the group is only recorded. */
    private boolean attachesGroups() {
        return securityGroups.isPresent() && options.attachSecurityGroups();
    }

    private String hardware() {
        return compute.listHardwareProfiles().stream().sorted(Comparator.comparing(Hardware::getId))
                .map(h -> h.getId() + " (" + h.getProcessors().stream().mapToDouble(p -> p.getCores()).sum()
                        + " cpu, " + h.getRam() + " MiB)")
                .collect(Collectors.joining(", "));
    }

    private List<Image> images() {
        List<Image> cached = images;
        if (cached == null) {
            cached = compute.listImages().stream().map(Image.class::cast)
                    .sorted(Comparator.comparing(Image::getId)).toList();
            images = cached;
        }
        return cached;
    }

    private Location location() throws ProviderException {
        Location cached = defaultLocation;
        if (cached == null) {
            if (options.location().isPresent()) {
                String wanted = options.location().get();
                cached = compute.listAssignableLocations().stream().filter(l -> l.getId().equals(wanted))
                        .findFirst().orElseThrow(() -> new ProviderException("no location '" + wanted + "' on "
                                + options.providerId() + "; known: " + compute.listAssignableLocations().stream()
                                .map(Location::getId).sorted().collect(Collectors.joining(", "))));
            } else {
                cached = compute.templateBuilder().build().getLocation();
            }
            defaultLocation = cached;
        }
        return cached;
    }

    /**
     * By id when the engine knows it, else by name within the plan's group; terminated nodes count as gone. A node
     * found by id must still carry the record's name and group: ids from an earlier stub (a previous JVM) are
     * handed out again to other nodes, and a stale id must not touch them.
     */
    private Optional<NodeMetadata> resolve(NodeRecord record) {
        if (record.id() == null) {
            return findByName(record.name());
        }
        NodeMetadata node;
        try {
            node = compute.getNodeMetadata(record.id());
        } catch (ResourceNotFoundException e) {
            node = null;
        }
        boolean ours = node != null && group.equals(node.getGroup())
                && record.name().equals(NodeMapping.plumberyName(node));
        return !ours || node.getStatus() == NodeMetadata.Status.TERMINATED ? Optional.empty() : Optional.of(node);
    }

    private Optional<NodeMetadata> findByName(String nodeName) {
        return compute.listNodesDetailsMatching(any -> true).stream()
                .map(NodeMetadata.class::cast)
                .filter(node -> group.equals(node.getGroup()))
                .filter(node -> node.getStatus() != NodeMetadata.Status.TERMINATED)
                .filter(node -> nodeName.equals(NodeMapping.plumberyName(node)))
                .min(Comparator.comparing(NodeMetadata::getId));
    }

    private NodeRecord refreshed(String id, NodeRecord previous) {
        NodeMetadata node = compute.getNodeMetadata(id);
        return node == null ? previous.withStatus(io.plumbery.providers.NodeStatus.GONE)
                : record(node, previous.name(), previous.network(), previous.attributes());
    }

    private NodeRecord record(NodeMetadata node, String nodeName, String network, Map<String, String> previous) {
        Map<String, String> attributes = new HashMap<>(previous);
        attributes.put("jclouds.provider", options.providerId());
        String net = network != null ? network : node.getUserMetadata().get(NodeMapping.META_NETWORK);
        NodeRecord mapped = NodeMapping.toRecord(node, nodeName, net, sshUser(), attributes);
        if (options.isStub()) {
            // the stub invents its addresses, some in public ranges: no one may ever try to connect to them
            return new NodeRecord(mapped.id(), mapped.name(), mapped.network(), mapped.status(),
                    mapped.privateAddress(), mapped.publicAddress(), null, mapped.attributes());
        }
        return mapped;
    }

    private String sshUser() {
        return options.loginUser().orElse(settings.identity().user());
    }

    private ProviderException gone(NodeRecord record) {
        return new ProviderException("node " + record.name() + (record.id() == null ? "" : " (" + record.id() + ")")
                + " does not exist on " + options.providerId() + " (group " + group + ")");
    }

    private static void putIfNotNull(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws Exception;
    }

    private <T> T call(String doing, Call<T> body) throws ProviderException {
        if (closed.get()) {
            throw new ProviderException(doing + ": provider " + name + " is closed");
        }
        try {
            return body.run();
        } catch (ProviderException e) {
            throw e;
        } catch (Exception e) {
            throw JcloudsErrors.map(doing, options.providerId(), e);
        }
    }
}
