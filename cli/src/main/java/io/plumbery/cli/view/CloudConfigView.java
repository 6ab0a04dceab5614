package io.plumbery.cli.view;

import io.plumbery.engine.cloudconfig.NodeCloudConfig;
import io.plumbery.engine.cloudconfig.ShownCloudConfig;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * {@code plan --show-cloud-config NODE}: the node's cloud-config as polish applies it, a valid cloud-config
 * document followed by comment lines (the modules, in order, and the warnings); or the same as one JSON document.
 */
public final class CloudConfigView implements View {

    /** The JSON document of {@code plan --show-cloud-config NODE --json}. */
    record JsonCloudConfig(String node, List<String> modules, Map<String, Object> cloudConfig, List<String> warnings) {
    }

    private final ShownCloudConfig shown;

    public CloudConfigView(ShownCloudConfig shown) {
        this.shown = shown;
    }

    @Override
    public void json(PrintWriter out) {
        out.println(Json.write(new JsonCloudConfig(shown.node(), shown.modules(), shown.content(), shown.warnings())));
    }

    @Override
    public void human(PrintWriter out) {
        out.print(shown.text());
        out.println(shown.modules().isEmpty() ? "# nothing for cloud-init to apply"
                : "# polish applies it with these cloud-init modules, in this order: " + String.join(", ", shown.modules()));
        out.println("# secrets read " + NodeCloudConfig.SECRET
                + "; addresses of nodes not built yet read (NODE.private after build)");
        shown.warnings().forEach(w -> out.println("# warning: " + w));
    }
}
