package io.plumbery.fittings;

import io.plumbery.fittings.diag.Diagnostic;
import io.plumbery.fittings.load.FittingsLoader;
import io.plumbery.fittings.load.LoadResult;
import io.plumbery.fittings.load.ParameterInput;
import io.plumbery.fittings.model.Parameter;
import io.plumbery.fittings.model.Plan;
import io.plumbery.fittings.model.PortRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real plumbery plans of the shared corpus (copied under src/test/resources/corpus). */
class CorpusTest {

    static Path corpus(String name) {
        return Path.of("src/test/resources/corpus", name);
    }

    @ParameterizedTest(name = "{0} parses into {1} nodes")
    @CsvSource({
            "analytics-hadoop-cluster.yaml, 4",
            "containers-docker-swarm.yaml, 8",
            "containers-kubernetes.yaml, 1",
            "containers-mantl.yaml, 12",
            "containers-mesosphere-cluster.yaml, 12",
            "database-cassandra-cluster.yaml, 5",
            "example-disks.yaml, 1",
            "example-first.yaml, 1",
            "example-gigafox.yaml, 65",
            "networking-networks.yaml, 3",
    })
    void realPlansParse(String file, long nodes) {
        LoadResult result = FittingsLoader.load(corpus(file), List.of());
        assertEquals(List.of(), result.errors(), "errors in " + file);
        assertEquals(nodes, result.plan().orElseThrow().nodes().count());
    }

    @Test
    void multicloudPlanNeedsItsSecretsAndParsesWithThem() {
        LoadResult without = FittingsLoader.load(corpus("multicloud-aws-stack.yaml"), List.of());
        assertEquals(List.of(
                        "multicloud-aws-stack.yaml:44:7: warning: 'multicloud' in blueprint 'first' is read but not "
                                + "acted on: the other cloud's resources (plumbery's terraform) are not deployed",
                        "multicloud-aws-stack.yaml:47:21: error: parameter 'awsKeyName' has no value: give one with -P awsKeyName=VALUE or in a --parameters file",
                        "multicloud-aws-stack.yaml:48:27: error: parameter 'awsSecretKey' has no value: give one with -P awsSecretKey=VALUE or in a --parameters file",
                        "multicloud-aws-stack.yaml:49:27: error: parameter 'awsSecretId' has no value: give one with -P awsSecretId=VALUE or in a --parameters file"),
                without.diagnostics().stream().map(CorpusTest::relative).toList());
        LoadResult with = FittingsLoader.load(corpus("multicloud-aws-stack.yaml"), List.of(
                cli("awsKeyName", "k"), cli("awsSecretKey", "s"), cli("awsSecretId", "i")));
        assertTrue(with.ok(), with.diagnostics().toString());
    }

    @Test
    void mysqlPlanHasARealTypoThatWeReport() {
        // plumbery itself would have sent the literal text to the cloud; we name the typo instead
        LoadResult result = FittingsLoader.load(corpus("database-mysql-master-slave.yaml"), List.of());
        assertEquals(List.of("database-mysql-master-slave.yaml:279:13: error: unknown parameter 'networkname' "
                        + "(did you mean 'networkName'?); declared: domainName, networkName, primaryId, secondaryId"),
                result.diagnostics().stream().filter(d -> d.isError()).map(CorpusTest::relative).toList());
        LoadResult fixed = FittingsLoader.load(corpus("database-mysql-master-slave.yaml"),
                List.of(cli("primaryId", "EU6"), cli("secondaryId", "EU7")));
        assertFalse(fixed.ok(), "the typo stays an error whatever the parameters");
    }

    @Test
    void filesThatAreNoPlansAreToldSo() {
        assertEquals(List.of(
                        "plumbery-schema.yaml:1:1: error: a plan is a global document then at least one facility document, separated by '---'; this file has one document only",
                        "plumbery-schema.yaml:1:1: error: unknown key 'type' in the global document",
                        "plumbery-schema.yaml:2:1: error: unknown key 'mapping' in the global document"),
                FittingsLoader.load(corpus("plumbery-schema.yaml"), List.of()).diagnostics().stream()
                        .map(CorpusTest::relative).toList());
        // this one is an HTML page saved in place of the plan
        assertEquals(List.of("plumbery-tests-fittings.yaml:7:87: error: invalid YAML: mapping values are not allowed here"),
                FittingsLoader.load(corpus("plumbery-tests-fittings.yaml"), List.of()).diagnostics().stream()
                        .map(CorpusTest::relative).toList());
    }

    @Test
    void mesosphereNodesGetTheirProfilesAndMergedCloudConfig() {
        Plan plan = FittingsLoader.load(corpus("containers-mesosphere-cluster.yaml"), List.of()).plan().orElseThrow();
        var master1 = plan.node("master1").orElseThrow();
        assertEquals("mesosphere-master", master1.profile());
        assertEquals(8, master1.cpu().count());
        assertEquals(32, master1.memoryGb());
        assertEquals(List.of(PortRule.tcp(22), PortRule.tcp(5050), PortRule.tcp(8080)), master1.internetRules());
        var node9 = plan.node("node9").orElseThrow();
        assertEquals(4, node9.cpu().count(), "cpu from {{ parameter.cpuPerNode }}");
        assertEquals(500, node9.disks().get(0).sizeGb(), "disk from {{ parameter.diskPerNode }}");
        // write_files: 3 from the shared cloud-config, 1 from the profile, 5 from master1 itself, appended in order
        List<?> files = (List<?>) master1.cloudConfig().get("write_files");
        assertEquals(3 + 1 + 5, files.size());
        assertEquals("/root/hosts.awk", ((java.util.Map<?, ?>) files.get(0)).get("path"));
        assertEquals("/root/shell_hello.sh", ((java.util.Map<?, ?>) files.get(5)).get("path"));
        assertEquals("{{ node.name }}", master1.cloudConfig().get("hostname"));
        assertEquals("AU10", plan.facilities().get(0).name());
    }

    static ParameterInput cli(String name, String value) {
        return new ParameterInput(name, value, Parameter.Origin.COMMAND_LINE, null);
    }

    static String relative(Diagnostic d) {
        return d.format().replace("src/test/resources/corpus/", "");
    }

    @Test
    void aNoBreakSpaceInsideBracesIsWhitespaceAsInPlumbery() throws Exception {
        // this plan writes its first locationId as "{{<U+00A0>parameter.primaryId }}"; Python's \s matches it
        Path fixed = java.nio.file.Files.createTempFile("mysql", ".yaml");
        java.nio.file.Files.writeString(fixed, java.nio.file.Files.readString(corpus("database-mysql-master-slave.yaml"))
                .replace("parameter.networkname", "parameter.networkName"));
        LoadResult result = FittingsLoader.load(fixed, List.of());
        assertTrue(result.ok(), result.diagnostics().toString());
        assertEquals(List.of("AU10", "AU11"), result.plan().orElseThrow().facilities().stream()
                .map(f -> f.name()).toList());
        java.nio.file.Files.delete(fixed);
    }
}
