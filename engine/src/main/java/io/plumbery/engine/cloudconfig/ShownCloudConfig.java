package io.plumbery.engine.cloudconfig;

import com.fasterxml.jackson.annotation.JsonValue;
import io.plumbery.bootstrap.cloudconfig.CloudConfigDocument;
import io.plumbery.bootstrap.cloudconfig.CloudInitModule;

import java.util.List;
import java.util.Map;

/**
 * A node's cloud-config as polish applies it, for people: secrets masked, addresses of nodes not built yet
 * named, and what polish would warn about. In JSON it is the document itself.
 */
public record ShownCloudConfig(CloudConfigDocument document, List<String> warnings) {

    public ShownCloudConfig {
        warnings = List.copyOf(warnings);
    }

    public String node() {
        return document.node();
    }

    /** The document as a tree of maps, lists and scalars. */
    @JsonValue
    public Map<String, Object> content() {
        return document.content();
    }

    /** The document as the YAML text uploaded to the node. */
    public String text() {
        return document.text();
    }

    /** The cloud-init modules that apply it, in their order. */
    public List<String> modules() {
        return document.modules().stream().map(CloudInitModule::id).toList();
    }
}
