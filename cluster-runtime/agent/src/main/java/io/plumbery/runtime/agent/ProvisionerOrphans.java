package io.plumbery.runtime.agent;

import io.plumbery.runtime.images.LayerUnpacker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Root filesystems and cgroups of image containers that no recovered task owns (their task ended while no agent ran): removed
 * when the agent starts, as Mesos's provisioner destroys the containers it does not recover.
 */
final class ProvisionerOrphans {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisionerOrphans.class);

    private ProvisionerOrphans() {
    }

    static void remove(Path workDir, Collection<CommandTask> live) {
        Path containers = workDir.resolve("provisioner").resolve("containers");
        if (!Files.isDirectory(containers)) {
            return;
        }
        Set<String> owned = live.stream().map(CommandTask::containerId).collect(Collectors.toSet());
        try (Stream<Path> dirs = Files.list(containers)) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                if (!owned.contains(dir.getFileName().toString())) {
                    LOG.info("Removing the root filesystem of ended container {}", dir.getFileName());
                    LayerUnpacker.deleteTree(dir);
                    ContainerCgroups.of(dir.getFileName().toString()).remove();
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not remove ended containers' root filesystems: {}", e.toString());
        }
    }
}
