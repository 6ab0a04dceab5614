package io.plumbery.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ClusterProbeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static final String DECLINED = """
            {"processedOffersSummary":{"rejectSummaryLastOffers":[
              {"reason":"InsufficientCpus","declined":0,"processed":9},
              {"reason":"UnfulfilledConstraint","declined":9,"processed":9}]}}""";

    @Test
    void aDockerAppWaitingForOffersSaysItNeedsAnAgentWithDocker() throws Exception {
        assertEquals("in the launch queue; offers declined: UnfulfilledConstraint (a Docker app runs only on agents"
                        + " with a Docker engine: nodes whose cloud-config installs docker.io) (9 offers)",
                ClusterProbe.whyWaiting(json(DECLINED), json("{\"container\":{\"type\":\"DOCKER\"}}")));
        assertEquals("in the launch queue; offers declined: UnfulfilledConstraint (9 offers)",
                ClusterProbe.whyWaiting(json(DECLINED), json("{}")));
    }

    @Test
    void theLastTaskFailureComesFirst() throws Exception {
        assertEquals("in the launch queue; last try failed on agent3: Failed to launch container: No such image: x",
                ClusterProbe.whyWaiting(json(DECLINED), json("""
                        {"lastTaskFailure":{"host":"agent3","message":"Failed to launch container: No such image: x"}}""")));
        assertEquals("in the launch queue, waiting for offers", ClusterProbe.whyWaiting(json("{}"), json("{}")));
    }

    @Test
    void aDrainedAgentCountsAsRegisteredADisconnectedOneDoesNot() throws Exception {
        assertEquals(true, ClusterProbe.registered(json("{\"active\":true}")));
        assertEquals(true, ClusterProbe.registered(json("{\"active\":false,\"drain_info\":{\"state\":\"DRAINED\"}}")));
        assertEquals(false, ClusterProbe.registered(json("{\"active\":false}")));
    }
}
