package io.plumbery.providers.jclouds.gce;

import io.plumbery.providers.ProviderException;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jclouds.googlecomputeengine.domain.AttachDisk;
import org.jclouds.googlecomputeengine.domain.Image;
import org.jclouds.googlecomputeengine.domain.Instance;
import org.jclouds.googlecomputeengine.domain.NewInstance;
import org.jclouds.googlecomputeengine.domain.Tags;
import org.jclouds.googlecomputeengine.features.InstanceApi;

import com.google.common.collect.ImmutableList;

/**
 * Instances: one per plan node, named after the plan and the node (so a create sent twice is refused
 * {@code alreadyExists} rather than making two), on the network's subnetwork with its tag, the image's boot disk
 * and the plan's further disks as persistent disks deleted with it, and the node's cloud-config as the
 * {@code user-data} metadata that cloud-init's GCE data source reads.
 */
final class GceNodes {

    static final String KIND = "node";
    static final String USER_DATA = "user-data";

    /** What an instance is made with, all chosen before the call. */
    record Launch(String node, String machineType, URI image, String network, String subnetwork, String networkTag,
                  String userData, List<Integer> disksGb, String diskType) {
    }

    private final GceScope scope;

    GceNodes(GceScope scope) {
        this.scope = scope;
    }

    String instanceName(String node) {
        return scope.names().instance(node);
    }

    Instance create(Launch launch) throws ProviderException {
        String name = instanceName(launch.node());
        List<AttachDisk> disks = new ArrayList<>();
        disks.add(AttachDisk.create(AttachDisk.Type.PERSISTENT, AttachDisk.Mode.READ_WRITE, null, null, true,
                AttachDisk.InitializeParams.create(name, null, launch.image(), null), true, null, null));
        for (int i = 0; i < launch.disksGb().size(); i++) {
            String disk = GceNames.disk(name, i + 1);
            disks.add(AttachDisk.create(AttachDisk.Type.PERSISTENT, AttachDisk.Mode.READ_WRITE, null, disk, false,
                    AttachDisk.InitializeParams.create(disk, (long) launch.disksGb().get(i), null,
                            scope.zonal("diskTypes/" + launch.diskType())), true, null, null));
        }
        NewInstance instance = NewInstance.create(name, scope.zonal("machineTypes/" + launch.machineType()),
                URI.create(launch.network()), URI.create(launch.subnetwork()), disks,
                scope.names().description(KIND, launch.node()), Tags.create(null, ImmutableList.of(launch.networkTag())));
        if (!launch.userData().isEmpty()) {
            instance.metadata().put(USER_DATA, launch.userData());
        }
        scope.calls().create("creating node " + launch.node() + " (instance " + name + ", " + launch.machineType()
                + ")", () -> instances().create(instance));
        Instance made = get(launch.node());
        if (made == null) {
            throw new ProviderException(GceProvider.NAME + ": instance " + name + " is not there after GCE made it",
                    true, null);
        }
        if (!scope.names().marks(made.description(), KIND, launch.node())) {
            throw GceNetworks.notOurs("instance " + name, made.description());
        }
        return made;
    }

    /** The plan's instance of this node; another's of the same name counts as none and is never touched. */
    Optional<Instance> find(String node) throws ProviderException {
        return Optional.ofNullable(get(node)).filter(i -> scope.names().marks(i.description(), KIND, node));
    }

    private Instance get(String node) throws ProviderException {
        String name = instanceName(node);
        return scope.calls().read("looking for node " + node + " (instance " + name + ")", () -> instances().get(name));
    }

    /** The instance's first serial port output, its console; null while there is none. */
    String console(String node) throws ProviderException {
        String name = instanceName(node);
        Instance.SerialPortOutput output = scope.calls().read("reading the serial port output of node " + node
                + " (instance " + name + ")", () -> instances().getSerialPortOutput(name));
        return output == null ? null : output.contents();
    }

    void start(Instance instance, String node) throws ProviderException {
        scope.calls().change("starting node " + node, () -> instances().start(instance.name()));
    }

    void stop(Instance instance, String node) throws ProviderException {
        scope.calls().change("stopping node " + node, () -> instances().stop(instance.name()));
    }

    /** Deletes the instance and, with it, its disks; waited on, so that its subnetwork can go next. */
    void delete(Instance instance, String node) throws ProviderException {
        scope.calls().delete("destroying node " + node + " (instance " + instance.name() + ")",
                () -> instances().delete(instance.name()));
    }

    /** The newest image of a family, or the image a URL names. */
    Image image(URI image, String what) throws ProviderException {
        Image found = scope.calls().read("looking for the image of " + what + " (" + image + ")",
                () -> scope.api().images().get(image));
        if (found == null) {
            throw new ProviderException(GceProvider.NAME + ": " + what + ": no image " + image);
        }
        return found;
    }

    private InstanceApi instances() {
        return scope.api().instancesInZone(scope.zone());
    }
}
