package io.plumbery.providers.vagrant;

import io.plumbery.providers.host.PlanRecords;
import io.plumbery.providers.host.RecordDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The plan's Vagrant project, {@code <stateDir>/<plan slug>/}: the plan's {@link PlanRecords} (networks,
 * firewalls, public addresses), the {@code Vagrantfile} (rendered from the machine records), Vagrant's own
 * {@code .vagrant/}, and one directory per node (its machine record, NoCloud seed and SSH host key).
 */
final class PlanDir {

    /** A node: {@code name} is also its Vagrant machine name and host name. */
    record MachineSpec(String name, String network, String dockerNetwork, String address, String container,
                       String instanceId, int cpu, int memoryMb, String image, String appliance,
                       List<Integer> disksGb) {
        MachineSpec {
            disksGb = disksGb == null ? List.of() : List.copyOf(disksGb);
        }
    }

    private final PlanRecords records;

    PlanDir(Path dir) {
        this.records = new PlanRecords(dir.toAbsolutePath().normalize(), "the vagrant provider");
    }

    PlanRecords records() {
        return records;
    }

    Path dir() {
        return records.dir();
    }

    Path vagrantfile() {
        return dir().resolve("Vagrantfile");
    }

    Path nodeDir(String node) {
        return records.nodeDir(node);
    }

    Optional<MachineSpec> machine(String node) throws IOException {
        return RecordDir.read(nodeDir(node).resolve("machine.json"), MachineSpec.class);
    }

    List<MachineSpec> machines() throws IOException {
        List<MachineSpec> all = new ArrayList<>();
        for (String node : records.nodeNames()) {
            machine(node).ifPresent(all::add);
        }
        return all;
    }

    void putMachine(MachineSpec spec) throws IOException {
        RecordDir.write(nodeDir(spec.name()).resolve("machine.json"), spec);
    }

    /**
     * Removes the whole directory (Vagrantfile, .vagrant, lock) once nothing is recorded in it any more.
     * Call locked.
     */
    void removeIfEmpty() throws IOException {
        if (records.empty()) {
            deleteTree(dir());
        }
    }

    /** {@code rm -r} without following links (nothing is mounted under a plan's directory). */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static void writeText(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
