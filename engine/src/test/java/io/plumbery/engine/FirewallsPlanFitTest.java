package io.plumbery.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plumbery.fittings.diag.Diagnostic;
import io.plumbery.fittings.model.Plan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cloud that would leave the plan's nodes open is refused at plan, where the plan writes the network. */
class FirewallsPlanFitTest {
    @TempDir
    Path dir;

    private Plan plan(String jcloudsProvider) throws Exception {
        return Plans.read(dir, """
                ---
                information: [one network]
                ---
                locationId: here
                provider: jclouds
                providerSettings: {jclouds.provider: %s}
                blueprints:
                  - web:
                      ethernet: {name: front, subnet: 10.77.3.0}
                      nodes:
                        - web1:
                            glue: [internet 80]
                """.formatted(jcloudsProvider));
    }

    private static List<String> errors(Plan plan) {
        return PlanFit.check(plan).stream().filter(Diagnostic::isError).map(Diagnostic::format).toList();
    }

    @Test
    void aCloudWithoutSecurityGroupsIsRefusedWhereThePlanWritesTheNetwork() throws Exception {
        assertEquals(List.of(dir.resolve("fittings.yaml") + ":9:24: error: ethernet 'front' of blueprint 'web': provider "
                + "jclouds cannot enforce its firewall (what accept and glue let in, and nothing else): jclouds has no "
                + "security groups for 'byon' (no SecurityGroupExtension), so nothing would keep out what the plan "
                + "does not let in; use a cloud that has them (aws-ec2, google-compute-engine, openstack-nova, "
                + "azurecompute-arm...)"), errors(plan("byon")));
    }

    @Test
    void aCloudWithSecurityGroupsIsNot() throws Exception {
        assertEquals(List.of(), errors(plan("stub")));
    }
}
