package io.plumbery.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plumbery.fittings.model.Plan;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.Providers;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Glue network lines go to the provider; information says, node by node, where they were not applied. */
class GlueNetworksTest {

    @TempDir
    Path dir;

    static final String PLAN = """
            ---
            information: [a storage appliance with the cards it needs, a web node with none]
            ---
            locationId: EU6
            provider: local
            blueprints:
              - storage:
                  ethernet: {name: storage, subnet: 10.77.50.0}
              - vault:
                  ethernet: {name: admin, subnet: 10.77.52.0}
                  nodes:
                    - vault1:
                        glue:
                          - internet 22
                          - storage vmxnet3
                          - backend .11
              - web:
                  ethernet: {name: web, subnet: 10.77.53.0}
                  nodes:
                    - web1:
                        glue: [internet 80]
            """;

    @Test
    void theNodeRequestCarriesEachFurtherInterfaceWithItsCardType() throws Exception {
        Plan plan = Plans.read(dir, PLAN);
        assertEquals(List.of(new NodeRequest.Nic("storage", null, "vmxnet3"), new NodeRequest.Nic("backend", ".11", null)),
                GlueNetworks.nics(plan.node("vault1").orElseThrow()));
        assertEquals(List.of(), GlueNetworks.nics(plan.node("web1").orElseThrow()));
    }

    @Test
    void noProviderHereAttachesThemAndEachNodeThatAsksIsNamed() throws Exception {
        Plan plan = Plans.read(dir, PLAN);
        Providers.discover().all().forEach((name, factory) ->
                assertEquals(false, factory.furtherInterfaces(), name + " attaches no further interface"));
        assertEquals(List.of("vault1: an interface on storage, a vmxnet3 card; an interface on backend (.11): not "
                        + "applied, provider local puts a node on its blueprint's network only and chooses no network "
                        + "card type"),
                GlueNetworks.notApplied(plan, Selection.DEFAULT, Providers.discover().all()));
        assertEquals(List.of(), GlueNetworks.notApplied(plan, new Selection(Set.of("web")), Providers.discover().all()),
                "only the selected nodes");
    }
}
