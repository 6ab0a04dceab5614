package io.plumbery.engine;

import io.plumbery.fittings.diag.Diagnostic;
import io.plumbery.fittings.model.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A local node's public address is a loopback address of the host: never one the host keeps for itself. */
class ReservedPublicAddressesTest {

    @TempDir
    Path dir;

    static String plan(String subnet, String glue) {
        return """
                ---
                information: [one network]
                ---
                locationId: here
                provider: local
                blueprints:
                  - web:
                      ethernet: {name: front, subnet: %s}
                      nodes:
                        - web1:
                            glue: [%s]
                """.formatted(subnet, glue);
    }

    @Test
    void aSubnetWhosePublicAddressesTakeTheHostsOwnIsAnErrorWhereThePlanWritesIt() throws Exception {
        Plan plan = Plans.read(dir, plan("10.0.0.0", "internet 80"));
        assertEquals(List.of(dir.resolve("fittings.yaml") + ":8:24: error: ethernet 'front' (10.0.0.0/24) of blueprint "
                        + "'web': provider local cannot give its nodes public addresses: its nodes' public addresses "
                        + "would be 127.0.0.0/24, which takes 127.0.0.0/24 (this host's own 127.0.0.1, and resolvers "
                        + "such as 127.0.0.53); give the network a subnet whose second and third numbers are not both "
                        + "0, such as 10.77.3.0"),
                errors(plan));
        assertEquals(1, errors(Plans.read(dir, plan("10.0.0.0/16", "internet 22"))).size(), "a wider one too");
    }

    @Test
    void otherSubnetsAndNodesWithoutPublicAddressesAreFine() throws Exception {
        assertEquals(List.of(), errors(Plans.read(dir, plan("10.77.40.0", "internet 80"))));
        assertEquals(List.of(), errors(Plans.read(dir, plan("10.0.0.0", "backend .11"))));
    }

    private static List<String> errors(Plan plan) {
        return PlanFit.check(plan).stream().filter(Diagnostic::isError).map(Diagnostic::format).toList();
    }
}
