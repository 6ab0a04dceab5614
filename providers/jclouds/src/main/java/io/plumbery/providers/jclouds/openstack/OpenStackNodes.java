package io.plumbery.providers.jclouds.openstack;

import io.plumbery.providers.ProviderException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.jclouds.openstack.nova.v2_0.domain.BlockDeviceMapping;
import org.jclouds.openstack.nova.v2_0.domain.Flavor;
import org.jclouds.openstack.nova.v2_0.domain.Image;
import org.jclouds.openstack.nova.v2_0.domain.Server;
import org.jclouds.openstack.nova.v2_0.domain.ServerCreated;
import org.jclouds.openstack.nova.v2_0.features.ServerApi;
import org.jclouds.openstack.nova.v2_0.options.CreateServerOptions;
import org.jclouds.util.Predicates2;

/**
 * Servers: one per plan node, named {@code PLAN-NODE} and marked in its metadata, on the network with its security
 * group, booted from the image with the node's cloud-config as user-data and the plan's disks as blank volumes
 * deleted with it. Nova's create is not idempotent: a server is looked up by its metadata before one is asked for, and
 * a create is never sent again after a lost answer.
 */
final class OpenStackNodes {

    static final String KIND = "node";

    /** What a server is made with, all chosen before the call. */
    record Launch(String node, String flavorId, String imageId, String networkId, String securityGroup,
                  String userData, List<Integer> disksGb) {
    }

    private final OpenStackScope scope;
    private final Duration waitTimeout;

    OpenStackNodes(OpenStackScope scope, Duration waitTimeout) {
        this.scope = scope;
        this.waitTimeout = waitTimeout;
    }

    String serverName(String node) {
        return scope.marks().server(node);
    }

    /** Asks for the server and waits until Nova says it is ACTIVE. */
    Server create(Launch launch) throws ProviderException {
        String name = serverName(launch.node());
        CreateServerOptions options = new CreateServerOptions().networks(launch.networkId())
                .securityGroupNames(launch.securityGroup()).metadata(scope.marks().metadata(KIND, launch.node()));
        if (!launch.userData().isEmpty()) {
            options.userData(launch.userData().getBytes(StandardCharsets.UTF_8));
        }
        if (!launch.disksGb().isEmpty()) {
            Set<BlockDeviceMapping> volumes = new LinkedHashSet<>();
            for (int gb : launch.disksGb()) {
                volumes.add(BlockDeviceMapping.builder().sourceType("blank").destinationType("volume").volumeSize(gb)
                        .bootIndex(-1).deleteOnTermination(true).build());
            }
            options.blockDeviceMappings(volumes);
        }
        ServerCreated created = scope.calls().create("creating node " + launch.node() + " (server " + name + ")",
                () -> servers().create(name, launch.imageId(), launch.flavorId(), options));
        return await(created.getId(), launch.node(), "active", s -> s.getStatus() == Server.Status.ACTIVE);
    }

    /** The plan's server of this node; deleted ones and another plan's of the same name count as none. */
    Optional<Server> find(String node) throws ProviderException {
        return scope.calls().read("looking for node " + node, () -> servers().listInDetail().concat().toList())
                .stream().filter(s -> scope.marks().marks(s.getMetadata(), KIND, node))
                .filter(s -> s.getStatus() != Server.Status.DELETED && s.getStatus() != Server.Status.SOFT_DELETED)
                .min(Comparator.comparing(Server::getId));
    }

    Server start(Server server, String node) throws ProviderException {
        scope.calls().read("starting node " + node, () -> {
            servers().start(server.getId());
            return null;
        });
        return await(server.getId(), node, "active", s -> s.getStatus() == Server.Status.ACTIVE);
    }

    Server stop(Server server, String node) throws ProviderException {
        scope.calls().read("stopping node " + node, () -> {
            servers().stop(server.getId());
            return null;
        });
        return await(server.getId(), node, "shut off", s -> s.getStatus() == Server.Status.SHUTOFF);
    }

    /** Deletes and waits until Nova no longer has it: its port holds the security group and network until then. */
    void delete(Server server, String node) throws ProviderException {
        scope.calls().remove("destroying node " + node + " (server " + server.getName() + ")",
                () -> servers().delete(server.getId()));
        await(server.getId(), node, "gone", s -> s.getStatus() == Server.Status.DELETED);
    }

    List<Flavor> flavors() throws ProviderException {
        return scope.calls().read("listing the flavors", () -> scope.nova().getFlavorApi(scope.region())
                .listInDetail().concat().toList());
    }

    List<Image> images() throws ProviderException {
        return scope.calls().read("listing the images", () -> scope.nova().getImageApi(scope.region())
                .listInDetail().concat().toList());
    }

    /**
     * Polls the server until {@code done} holds, or, for {@code gone}, until Nova no longer has it; a server in ERROR
     * fails at once.
     */
    private Server await(String id, String node, String state, Predicate<Server> done) throws ProviderException {
        AtomicReference<Server> last = new AtomicReference<>();
        AtomicReference<ProviderException> failed = new AtomicReference<>();
        long period = Math.max(10, scope.calls().retrier().backoff().first().toMillis());
        boolean reached = Predicates2.retry((String ignored) -> {
            try {
                Server now = scope.calls().read("waiting for node " + node + " to be " + state,
                        () -> servers().get(id));
                last.set(now);
                if (now == null) {
                    return state.equals("gone");
                }
                if (now.getStatus() == Server.Status.ERROR) {
                    failed.set(new ProviderException("openstack: node " + node + " (server " + id + ") is in ERROR"
                            + (now.getExtendedStatus().isPresent() ? " (" + now.getExtendedStatus().get() + ")" : "")));
                    return true;
                }
                return done.test(now);
            } catch (ProviderException e) {
                failed.set(e);
                return true;
            }
        }, waitTimeout.toMillis(), period, 10 * period, TimeUnit.MILLISECONDS).apply(id);
        if (failed.get() != null) {
            throw failed.get();
        }
        if (!reached) {
            throw new ProviderException("openstack: node " + node + " (server " + id + ") is not " + state + " after "
                    + waitTimeout.toSeconds() + " s (" + OpenStackSettings.WAIT_TIMEOUT + ")"
                    + (last.get() == null ? "" : "; it is " + last.get().getStatus()), true, null);
        }
        return last.get();
    }

    private ServerApi servers() {
        return scope.nova().getServerApi(scope.region());
    }
}
