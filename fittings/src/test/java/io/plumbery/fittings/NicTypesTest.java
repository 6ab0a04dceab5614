package io.plumbery.fittings;

import io.plumbery.fittings.model.Glue;
import io.plumbery.fittings.model.Node;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code glue: NETWORK [ADDRESS] [NICTYPE]}: a further network card, of the type the appliance needs. */
class NicTypesTest {

    @Test
    void aNetworkLineKeepsItsAddressAndItsCardType() {
        Node vault = GlueRulesTest.plan("nic-types.yaml").node("vault1").orElseThrow();
        assertEquals(List.of(
                        Glue.network("primary", ".101"),
                        Glue.network("storage-a", null, "vmxnet3"),
                        Glue.network("storage-b", ".12", "e1000"),
                        Glue.network("storage-a", "10.77.50.9")),
                vault.glue());
        assertEquals(null, vault.glue().get(0).nicType(), "the provider's default card");
    }
}
