package io.plumbery.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.bootstrap.model.RuntimeSettings;
import io.plumbery.fittings.load.FittingsLoader;
import io.plumbery.fittings.load.LoadResult;
import io.plumbery.fittings.model.Plan;
import io.plumbery.providers.Providers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether nodes can reach the internet is what their provider declares, not a list of names in the engine. */
class NodesOfflineTest {

    private static final RuntimeSettings OFFLINE = RuntimeSettings.defaults().withPackagesAndNtp(List.of(), List.of());

    @TempDir
    Path dir;

    @Test
    void localAndVagrantNodesAreOfflineTheOthersAreNot() {
        Map<String, Boolean> declared = new TreeMap<>();
        Providers.discover().all().forEach((name, factory) -> declared.put(name, factory.nodesOffline()));
        assertEquals(Map.of("aws-ec2", false, "azure", false, "google-compute-engine", false, "jclouds", false,
                "local", true, "local-netns", false, "openstack", false, "stub", false, "vagrant", true),
                declared);
    }

    @Test
    void aPlanWithOfflineNodesIsBootstrappedWithoutPackagesOrNtpServers() throws Exception {
        assertEquals(OFFLINE, settings("local"));
        assertEquals(OFFLINE, settings("vagrant"));
        assertEquals(OFFLINE, settings("stub", "vagrant"), "one offline facility is enough");
        assertEquals(RuntimeSettings.defaults(), settings("stub"));
        assertEquals(RuntimeSettings.defaults(), settings("local-netns"));
        assertEquals(RuntimeSettings.defaults(), settings("jclouds"));
    }

    /** The runtime settings polish uses for a plan with one facility per provider named. */
    private RuntimeSettings settings(String... providers) throws Exception {
        StringBuilder yaml = new StringBuilder("---\ninformation: [offline or not]\n");
        for (int i = 0; i < providers.length; i++) {
            yaml.append("""
                    ---
                    locationId: F%1$d
                    provider: %2$s
                    blueprints:
                      - b%1$d:
                          ethernet: {name: net%1$d, subnet: 10.77.%3$d.0}
                          nodes:
                            - n%1$d:
                    """.formatted(i, providers[i], i + 1));
        }
        Path file = Files.createDirectories(dir.resolve(String.join("-", providers))).resolve("fittings.yaml");
        Files.writeString(file, yaml);
        LoadResult loaded = FittingsLoader.load(file, List.of());
        assertTrue(loaded.ok(), loaded.diagnostics().toString());
        Plan plan = loaded.plan().orElseThrow();
        try (ProviderPool pool = new ProviderPool(Providers.discover(), plan, dir, null)) {
            return Polishing.runtimeSettings(plan, pool);
        }
    }
}
