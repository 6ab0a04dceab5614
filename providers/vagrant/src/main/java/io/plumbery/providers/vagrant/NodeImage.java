package io.plumbery.providers.vagrant;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.host.BaseImage;
import io.plumbery.providers.host.Exec;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Docker image of every node: the cached Debian tree of {@link BaseImage} (systemd, sshd, cloud-init, a
 * JRE; built once with debootstrap) imported with {@code docker import}, offline. Its tag is a hash of the
 * tree's recipe and of the import settings below, so it is imported again only when one of them changes.
 */
final class NodeImage {

    static final String REPOSITORY = "plumbery/vagrant-node";

    /** systemd is the command; {@code container=docker} tells it where it runs (as Docker's own images do). */
    static final List<String> CHANGES = List.of("CMD [\"/sbin/init\"]", "ENV container=docker");

    /** Bump when the import below changes in a way {@link #CHANGES} does not show. */
    static final int FORMAT = 1;

    private static final Object MONITOR = new Object();

    private NodeImage() {
    }

    static String tag(String treeHash) {
        return REPOSITORY + ":" + VagrantNaming.hash("format=" + FORMAT + "\ntree=" + treeHash + "\nchanges="
                + String.join("\n", CHANGES), 12);
    }

    /** The image's tag, imported now (about 10 s; building the tree first takes about 2.5 minutes) if missing. */
    static String ensure(Docker docker, Path cache, String mirror, Consumer<String> progress) throws ProviderException {
        String tag = tag(BaseImage.hash());
        if (docker.imageExists(tag)) {
            return tag;
        }
        synchronized (MONITOR) {
            if (docker.imageExists(tag)) {
                return tag;
            }
            Path tree = BaseImage.ensure(cache, mirror, progress);
            long started = System.nanoTime();
            progress.accept("vagrant: importing " + tree + " into Docker as " + tag);
            importTree(docker, tree, tag);
            progress.accept(String.format("vagrant: image %s imported in %.0f s", tag,
                    (System.nanoTime() - started) / 1e9));
            return tag;
        }
    }

    /**
     * {@code tar -C TREE -c . | docker import --change ... - TAG-importing}, both sides checked, then tagged
     * TAG: an import cut short (a killed JVM hands docker a truncated tar) never carries the real tag.
     */
    private static void importTree(Docker docker, Path tree, String tag) throws ProviderException {
        String partial = tag + "-importing";
        List<String> importCommand = new java.util.ArrayList<>(List.of(docker.command(), "import"));
        CHANGES.forEach(c -> importCommand.addAll(List.of("--change", c)));
        importCommand.addAll(List.of("--change", "LABEL io.plumbery.image=" + tag, "-", partial));
        Path log;
        try {
            log = Files.createTempFile("plumbery-vagrant-import", ".log");
        } catch (IOException e) {
            throw new ProviderException("cannot create a log file for docker import: " + e.getMessage(), false, e);
        }
        try {
            List<Process> pipeline = ProcessBuilder.startPipeline(List.of(
                    new ProcessBuilder("tar", "-C", tree.toString(), "--numeric-owner", "-cf", "-", ".")
                            .redirectInput(new File("/dev/null"))
                            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())),
                    new ProcessBuilder(importCommand).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))));
            for (Process p : pipeline) {
                if (!p.waitFor(15, TimeUnit.MINUTES)) {
                    pipeline.forEach(Process::destroyForcibly);
                    throw new ProviderException("importing the node image did not finish within 15 minutes", true, null);
                }
                if (p.exitValue() != 0) {
                    docker.removeImage(partial);
                    throw new ProviderException("importing " + tree + " into Docker failed: "
                            + Exec.tail(Files.readString(log), 10));
                }
            }
            docker.tag(partial, tag);
            docker.removeImage(partial);
        } catch (IOException e) {
            throw new ProviderException("cannot import the node image: " + e.getMessage(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while importing the node image", true, e);
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // a temporary file
            }
        }
    }
}
