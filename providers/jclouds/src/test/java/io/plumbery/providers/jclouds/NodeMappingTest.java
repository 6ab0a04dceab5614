package io.plumbery.providers.jclouds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeStatus;

import java.util.Map;
import java.util.Set;

import org.jclouds.compute.domain.NodeMetadata;
import org.jclouds.compute.domain.NodeMetadataBuilder;
import org.jclouds.domain.LoginCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeMappingTest {

    @ParameterizedTest
    @CsvSource({"RUNNING, RUNNING", "SUSPENDED, STOPPED", "TERMINATED, GONE", "PENDING, PENDING",
        "ERROR, UNRECOGNIZED", "UNRECOGNIZED, UNRECOGNIZED"})
    void statuses(NodeMetadata.Status jclouds, NodeStatus plumbery) {
        assertEquals(plumbery, NodeMapping.status(jclouds));
    }

    @Test
    void noStatusIsUnrecognized() {
        assertEquals(NodeStatus.UNRECOGNIZED, NodeMapping.status(null));
    }

    @ParameterizedTest
    @CsvSource({"mesos-3x9, mesos-3x9", "My Plan_2, my-plan-2", "--x--, x", "'***', plumbery"})
    void groups(String plan, String group) {
        assertEquals(group, NodeMapping.group(plan));
    }

    @Test
    void addressesAndSsh() {
        NodeMetadata node = new NodeMetadataBuilder().ids("7").name("web-01").group("p").status(NodeMetadata.Status.ERROR)
                .backendStatus("kaput").loginPort(2222).publicAddresses(Set.of("203.0.113.9"))
                .privateAddresses(Set.of("10.0.0.9", "10.0.0.10"))
                .credentials(LoginCredentials.builder().user("ubuntu").password("x").build()).build();
        NodeRecord record = NodeMapping.toRecord(node, "web-01", "net", "plumbery", Map.of("kept", "yes"));
        assertEquals(NodeStatus.UNRECOGNIZED, record.status());
        assertEquals("ERROR", record.attributes().get("jclouds.status"));
        assertEquals("kaput", record.attributes().get("jclouds.backendStatus"));
        assertEquals("ubuntu", record.attributes().get("jclouds.loginUser"));
        assertEquals("yes", record.attributes().get("kept"));
        assertEquals("10.0.0.10", record.privateAddress());
        assertEquals("203.0.113.9", record.ssh().host());
        assertEquals(2222, record.ssh().port());
        assertEquals("plumbery", record.ssh().user());
        assertNull(record.ssh().hostKey());

        NodeMetadata privateOnly = NodeMetadataBuilder.fromNodeMetadata(node).publicAddresses(Set.of()).build();
        assertEquals("10.0.0.10", NodeMapping.toRecord(privateOnly, "web-01", "net", "u", null).ssh().host());
    }
}
