package io.plumbery.fittings.load;

import io.plumbery.fittings.diag.Diagnostics;
import io.plumbery.fittings.diag.SourceRange;
import io.plumbery.fittings.model.ClusterSettings;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Node;
import io.plumbery.fittings.model.Parameter;
import io.plumbery.fittings.model.Plan;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads a fittings plan: a global document, then one document per facility.
 *
 * <pre>{@code
 * LoadResult result = FittingsLoader.load(Path.of("fittings.yaml"), List.of());
 * result.diagnostics().forEach(d -> System.err.println(d.format()));
 * }</pre>
 *
 * Every problem is reported with file, line and column, all of them in one pass; a plan is returned only
 * when there is no error.
 */
public final class FittingsLoader {

    private static final List<String> GLOBAL_KEYS = PlumberyKeys.and(List.of("information", "parameters", "links",
            "defaults", "safeMode", "cluster"), PlumberyKeys.GLOBAL_NOT_ACTED_ON, PlumberyKeys.GLOBAL_NOT_SUPPORTED);

    private FittingsLoader() {
    }

    /** Loads with this process's environment and version; see {@link #load(Path, List, LoadContext)}. */
    public static LoadResult load(Path file, List<ParameterInput> inputs) {
        return load(file, inputs, LoadContext.ofThisProcess());
    }

    public static LoadResult load(Path file, List<ParameterInput> inputs, LoadContext context) {
        Diagnostics diagnostics = new Diagnostics();
        Source source = new Source(file, diagnostics);
        List<org.yaml.snakeyaml.nodes.Node> documents = compose(file, source);
        Plan plan = documents.isEmpty() ? null : read(file, source, documents, inputs, context);
        return new LoadResult(diagnostics.hasErrors() ? Optional.empty() : Optional.ofNullable(plan),
                diagnostics.list());
    }

    private static List<org.yaml.snakeyaml.nodes.Node> compose(Path file, Source source) {
        List<org.yaml.snakeyaml.nodes.Node> documents = new ArrayList<>();
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by YamlMap, with both positions
        try (Reader reader = Files.newBufferedReader(file)) {
            for (org.yaml.snakeyaml.nodes.Node doc : new Yaml(new SafeConstructor(options)).composeAll(reader)) {
                if (doc != null && !YamlMap.isNull(doc)) {
                    documents.add(doc);
                }
            }
        } catch (MarkedYAMLException e) {
            source.diagnostics().error(source.at(e.getProblemMark()), "invalid YAML: " + e.getProblem()
                    + (e.getContext() == null ? "" : " (" + e.getContext() + " at line " + (e.getContextMark().getLine() + 1) + ")"));
            return List.of();
        } catch (YAMLException e) {
            source.diagnostics().error(new SourceRange(file, 1, 1), "invalid YAML: " + e.getMessage());
            return List.of();
        } catch (IOException e) {
            source.diagnostics().error(new SourceRange(file, 1, 1), "cannot read plan: " + describe(e));
            return List.of();
        }
        if (documents.isEmpty()) {
            source.diagnostics().error(new SourceRange(file, 1, 1), "the plan is empty");
        } else if (documents.size() == 1) {
            source.error(documents.get(0), "a plan is a global document then at least one facility document, "
                    + "separated by '---'; this file has one document only");
        }
        return documents;
    }

    private static Plan read(Path file, Source source, List<org.yaml.snakeyaml.nodes.Node> documents,
                             List<ParameterInput> inputs, LoadContext context) {
        Substitutions none = new Substitutions(Map.of(), context, source);
        Optional<YamlMap> rawGlobal = YamlMap.of(documents.get(0), source, none, "the global document");
        if (rawGlobal.isEmpty()) {
            return null;
        }
        Map<String, Parameter> parameters = ParameterReader.read(rawGlobal.get(), inputs);
        Substitutions resolved = none.with(parameters);
        YamlMap global = YamlMap.of(documents.get(0), source, resolved, "the global document").orElseThrow();
        global.allowOnly(GLOBAL_KEYS);
        PlumberyKeys.check(global, PlumberyKeys.GLOBAL_NOT_ACTED_ON, PlumberyKeys.GLOBAL_NOT_SUPPORTED);
        List<String> information = global.strings("information");
        Map<String, String> links = new LinkedHashMap<>();
        global.map("links", "'links'").ifPresent(l -> l.values().forEach((k, v) ->
                l.scalar(v, "link '" + k + "'").ifPresent(url -> links.put(k, url))));
        boolean safeMode = global.bool("safeMode").orElse(false);
        Defaults defaults = Defaults.read(global.map("defaults", "'defaults'"));
        ClusterSettings cluster = ClusterReader.read(global.map("cluster", "'cluster'"));

        FacilityReader reader = new FacilityReader(defaults);
        List<Facility> read = new ArrayList<>();
        for (int i = 1; i < documents.size(); i++) {
            int index = i - 1;
            YamlMap.of(documents.get(i), source, resolved, "facility " + i)
                    .ifPresent(doc -> read.add(reader.read(index, doc)));
        }
        List<Facility> facilities = EthernetReferences.resolve(source, read, reader.networks.references);
        PlanChecks.uniqueNodes(source, reader.located);
        PlanChecks.subnets(source, reader.networks.ethernets);
        PlanChecks.accepts(source, reader.networks.accepts, facilities);
        defaults.blueprints().ifPresent(names -> PlanChecks.defaultBlueprints(source, names, facilities));
        // the global document's 'parameters' section holds the declarations themselves, not uses
        List<org.yaml.snakeyaml.nodes.Node> uses = new ArrayList<>(global.values().entrySet().stream()
                .filter(e -> !e.getKey().equals("parameters")).map(Map.Entry::getValue).toList());
        uses.addAll(documents.subList(1, documents.size()));
        PlanChecks.placeholders(resolved, uses,
                reader.located.stream().map(l -> l.value().name()).collect(Collectors.toSet()),
                reader.balancers.informationNodes);
        return new Plan(file, planName(file), information, links, parameters, safeMode, facilities, cluster);
    }

    /** {@code examples/mesos-3x9/fittings.yaml} is plan {@code mesos-3x9}; {@code web.yaml} is plan {@code web}. */
    public static String planName(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        String fileName = absolute.getFileName().toString();
        String stem = fileName.replaceFirst("\\.ya?ml$", "");
        String name = stem.equals("fittings") && absolute.getParent() != null && absolute.getParent().getFileName() != null
                ? absolute.getParent().getFileName().toString() : stem;
        String clean = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("(^-+|-+$)", "");
        return clean.isEmpty() ? "plan" : clean;
    }

    private static String describe(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage();
    }

    /** The nodes of a plan by name, for later stages. */
    public static Map<String, Node> nodesByName(Plan plan) {
        Map<String, Node> out = new LinkedHashMap<>();
        plan.nodes().forEach(n -> out.put(n.name(), n));
        return out;
    }
}
