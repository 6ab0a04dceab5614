package io.plumbery.fittings.load;

import io.plumbery.fittings.diag.Diagnostics;
import io.plumbery.fittings.model.Parameter;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code --parameters FILE.yaml}: either a plain mapping of names to values, or plumbery's form with the
 * values under {@code parameters:}.
 */
public final class ParameterFile {

    private ParameterFile() {
    }

    public static List<ParameterInput> read(Path file, Diagnostics diagnostics) {
        Source source = new Source(file, diagnostics);
        Node root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
        } catch (MarkedYAMLException e) {
            diagnostics.error(source.at(e.getProblemMark()), "invalid YAML: " + e.getProblem());
            return List.of();
        } catch (IOException e) {
            diagnostics.error(new io.plumbery.fittings.diag.SourceRange(file, 1, 1),
                    "cannot read parameters file: " + e.getMessage());
            return List.of();
        }
        Substitutions none = new Substitutions(Map.of(), LoadContext.ofThisProcess(), source);
        List<ParameterInput> inputs = new ArrayList<>();
        YamlMap.of(root, source, none, "the parameters file").ifPresent(top -> {
            YamlMap values = top;
            if (top.has("parameters")) {
                top.allowOnly(List.of("parameters", "information"));
                values = top.map("parameters", "'parameters'").orElse(null);
            }
            if (values == null) {
                return;
            }
            YamlMap finalValues = values;
            values.values().forEach((name, node) -> finalValues.scalar(node, "parameter '" + name + "'")
                    .ifPresent(v -> inputs.add(new ParameterInput(name, v, Parameter.Origin.FILE, source.at(node)))));
        });
        return inputs;
    }
}
