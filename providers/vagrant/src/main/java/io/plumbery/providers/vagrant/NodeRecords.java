package io.plumbery.providers.vagrant;

import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeStatus;
import io.plumbery.node.ssh.SshEndpoint;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A machine as the engine records it: status, addresses, SSH endpoint and what people need to find it. */
final class NodeRecords {

    private NodeRecords() {
    }

    static NodeRecord of(PlanDir.MachineSpec spec, NodeStatus status, String publicAddress, SshEndpoint ssh,
                         Path project, Path nodeDir, int hostCpus) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("kind", "vagrant machine (Vagrant's docker provider)");
        attributes.put("machine", spec.name());
        attributes.put("vagrantProject", project.toString());
        attributes.put("container", spec.container());
        attributes.put("directory", nodeDir.toString());
        attributes.put("image", spec.image());
        attributes.put("console", "docker logs " + spec.container());
        attributes.put("cpu", String.valueOf(spec.cpu()));
        attributes.put("memoryMb", String.valueOf(spec.memoryMb()));
        attributes.put("limits", limits(spec, hostCpus));
        attributes.put("appliance", (spec.appliance() == null ? "" : spec.appliance() + ": ")
                + "the vagrant provider boots Debian 12 (bookworm) for every appliance");
        if (!spec.disksGb().isEmpty()) {
            attributes.put("disks", "requested " + spec.disksGb() + " GB: not provided by the vagrant provider "
                    + "(nodes have their system disk only)");
        }
        return new NodeRecord(spec.container(), spec.name(), spec.network(), status, spec.address(), publicAddress,
                ssh, attributes);
    }

    /** Vagrant's docker provider states to ours; a machine Vagrant does not know (null) is gone. */
    static NodeStatus status(String vagrantState) {
        if (vagrantState == null) {
            return NodeStatus.GONE;
        }
        return switch (vagrantState) {
            case "running" -> NodeStatus.RUNNING;
            case "stopped" -> NodeStatus.STOPPED;
            case "not_created" -> NodeStatus.GONE;
            case "preparing" -> NodeStatus.PENDING;
            default -> NodeStatus.UNRECOGNIZED;
        };
    }

    static String limits(PlanDir.MachineSpec spec, int hostCpus) {
        String limits = "enforced by Docker: " + String.join(" ", Vagrantfile.limits(spec, hostCpus));
        return spec.cpu() > hostCpus ? limits + " (the plan asks " + spec.cpu() + " CPUs; this host has "
                + hostCpus + ")" : limits;
    }
}
