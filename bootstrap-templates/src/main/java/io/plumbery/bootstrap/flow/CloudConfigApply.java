package io.plumbery.bootstrap.flow;

import io.plumbery.bootstrap.cloudconfig.CloudConfigDocument;
import io.plumbery.bootstrap.cloudconfig.CloudInitModule;
import io.plumbery.bootstrap.render.CloudConfigYaml;
import io.plumbery.bootstrap.render.NodeRenderer;
import io.plumbery.node.ssh.CommandResult;
import io.plumbery.node.ssh.ContentSource;
import io.plumbery.node.ssh.NodeSession;
import io.plumbery.node.ssh.Shell;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a node's cloud-config on the node with cloud-init's own modules ({@link CloudInitSingle}), in
 * cloud-init's order, once per document: the document goes to a root-only file, and the SHA-256 of the last
 * document applied in full is kept beside it. A document with that SHA-256 is not applied again; a module that
 * fails stops the others and leaves the mark as it was, so the next polish applies the document again.
 *
 * <p>{@code bootcmd} runs, as cloud-init documents it, at every boot too: the document's {@code bootcmd} is kept in
 * {@link #BOOTCMD} (cloud-init merges {@code /etc/cloud/cloud.cfg.d} at each boot, and its bootcmd module runs
 * always), and removed when the document has none.
 */
final class CloudConfigApply {
    static final String DOCUMENT = NodeRenderer.CONFIG_DIR + "/cloud-config.yaml";
    static final String APPLIED = NodeRenderer.CONFIG_DIR + "/cloud-config.applied";
    static final String LOG = "/var/log/cloud-init.log";
    static final String BOOTCMD = "/etc/cloud/cloud.cfg.d/90-plumbery-bootcmd.cfg";

    private final NodeSession session;
    private final BootstrapSettings settings;
    private final String node;
    private final boolean privileged;

    CloudConfigApply(NodeSession session, BootstrapSettings settings, String node, boolean privileged) {
        this.session = session;
        this.settings = settings;
        this.node = node;
        this.privileged = privileged;
    }

    /**
     * @return the modules run, in order; empty when the document is empty or the node has it applied already
     * @throws StepFailed naming the failed module, with its message and the last lines of its output
     */
    List<String> apply(CloudConfigDocument document) {
        if (document.isEmpty() || document.sha256().equals(applied())) {
            return List.of();
        }
        session.putIfChanged(ContentSource.of(document.bytes()), onNode(DOCUMENT), "0600", privileged);
        List<String> ran = new ArrayList<>();
        for (CloudInitModule module : document.modules()) {
            List<String> keys = module.keys().stream().filter(document.content()::containsKey).toList();
            CloudInitSingle single = new CloudInitSingle(module, keys, onNode(DOCUMENT), onNode(LOG));
            CommandResult result = session.run(sudo() + "sh -c " + Shell.quote(single.script()),
                    settings.cloudInitTimeout());
            Optional<CloudInitSingle.Failure> failure = single.failure(result, settings.journalLines());
            if (failure.isPresent()) {
                throw new StepFailed(new NodeFailure(node, Step.CLOUD_CONFIG, failure.get().message(), null,
                        failure.get().tail()));
            }
            ran.add(module.id());
        }
        keepBootcmd(document);
        mark(document.sha256());
        return ran;
    }

    private void keepBootcmd(CloudConfigDocument document) {
        Object bootcmd = document.content().get("bootcmd");
        if (bootcmd != null) {
            byte[] drop = CloudConfigYaml.dump(Map.of("bootcmd", bootcmd)).getBytes(StandardCharsets.UTF_8);
            session.putIfChanged(ContentSource.of(drop), onNode(BOOTCMD), "0600", privileged);
            return;
        }
        CommandResult removed = session.run(sudo() + "rm -f " + Shell.quote(onNode(BOOTCMD)), settings.commandTimeout());
        if (!removed.ok()) {
            throw new StepFailed(new NodeFailure(node, Step.CLOUD_CONFIG, BOOTCMD + " cannot be removed (exit "
                    + removed.exitCode() + "): " + String.join(" | ", removed.tail(3)), null, List.of()));
        }
    }

    /** The SHA-256 of the document last applied in full, or empty. */
    private String applied() {
        return session.run(sudo() + "cat " + Shell.quote(onNode(APPLIED)) + " 2>/dev/null; true",
                settings.commandTimeout()).stdout().strip();
    }

    private void mark(String sha256) {
        CommandResult result = session.run(sudo() + "sh -c " + Shell.quote("printf '%s\\n' " + sha256 + " > "
                + Shell.quote(onNode(APPLIED))), settings.commandTimeout());
        if (!result.ok()) {
            throw new StepFailed(new NodeFailure(node, Step.CLOUD_CONFIG, "cloud-config applied, but " + APPLIED
                    + " cannot be written (exit " + result.exitCode() + "): " + String.join(" | ", result.tail(3)),
                    null, List.of()));
        }
    }

    private String sudo() {
        return privileged ? "sudo -n " : "";
    }

    private String onNode(String path) {
        return settings.onNode(node, path);
    }
}
