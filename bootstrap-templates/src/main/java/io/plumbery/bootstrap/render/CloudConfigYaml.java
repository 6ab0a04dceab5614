package io.plumbery.bootstrap.render;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and writes cloud-config documents with SnakeYAML; multi-line strings are written as {@code |} blocks. */
public final class CloudConfigYaml {
    public static final String HEADER = "#cloud-config\n";

    private CloudConfigYaml() {
    }

    /** Parses one YAML mapping; an empty document is an empty map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String yaml) {
        Object loaded = new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (loaded == null) {
            return new LinkedHashMap<>();
        }
        if (!(loaded instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("a cloud-config must be a mapping, got " + loaded.getClass().getSimpleName());
        }
        return (Map<String, Object>) loaded;
    }

    /** Writes {@code #cloud-config} and the document in block style. */
    public static String dump(Map<String, ?> document) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(200);
        options.setSplitLines(false);
        org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml(new LiteralRepresenter(options), options);
        return HEADER + yaml.dump(document);
    }

    private static final class LiteralRepresenter extends Representer {
        LiteralRepresenter(DumperOptions options) {
            super(options);
        }

        @Override
        protected Node representScalar(Tag tag, String value, DumperOptions.ScalarStyle style) {
            if (Tag.STR.equals(tag) && value.indexOf('\n') >= 0) {
                return super.representScalar(tag, value, DumperOptions.ScalarStyle.LITERAL);
            }
            return super.representScalar(tag, value, style);
        }
    }
}
