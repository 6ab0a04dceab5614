package io.plumbery.runtime.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.http.HttpServer;
import io.plumbery.runtime.http.ResponseStream;
import io.plumbery.runtime.http.Router;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.RecordIo;
import io.plumbery.runtime.protocol.Values;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.master.Protos.Response;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The codec around JSON handlers on a real HTTP server, driven with protobuf and JSON bodies. */
class V1CodecTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<String> seen = new AtomicReference<>();
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        Router router = new Router();
        router.route(V1Codec.scheduler().around(ex -> {
            seen.set(ex.body());
            if (Json.parse(ex.body()).path("type").asText().equals("SUBSCRIBE")) {
                ResponseStream stream = ex.stream("Mesos-Stream-Id", "s1");
                stream.writeRecord("{\"type\":\"SUBSCRIBED\",\"subscribed\":{\"framework_id\":{\"value\":\"f1\"},"
                        .concat("\"heartbeat_interval_seconds\":15,\"not_in_the_proto\":1}}")
                        .getBytes(StandardCharsets.UTF_8));
                stream.writeRecord("{\"type\":\"HEARTBEAT\"}".getBytes(StandardCharsets.UTF_8));
                stream.close();
            } else {
                ex.empty(202);
            }
        }), "/api/v1/scheduler");
        router.route(V1Codec.masterOperator().around(ex -> {
            seen.set(ex.body());
            ex.json(200, Json.object().put("type", "GET_HEALTH").set("get_health",
                    Json.object().put("healthy", true)));
        }), "/api/v1");
        server = new HttpServer("codec-test", "127.0.0.1", 0, router);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void protobufCallReachesTheHandlerAsProtobufsJson() throws Exception {
        Call decline = Call.newBuilder().setType(Call.Type.DECLINE)
                .setFrameworkId(FrameworkID.newBuilder().setValue("f1"))
                .setDecline(Call.Decline.newBuilder().addOfferIds(OfferID.newBuilder().setValue("o1"))).build();
        HttpResponse<byte[]> answer = post("/api/v1/scheduler", V1Codec.PROTOBUF, null, decline.toByteArray());
        assertThat(answer.statusCode()).isEqualTo(202);
        JsonNode call = Json.parse(seen.get());
        assertThat(call.path("type").asText()).isEqualTo("DECLINE");
        assertThat(call.path("framework_id").path("value").asText()).isEqualTo("f1");
        assertThat(call.path("decline").path("offer_ids").get(0).path("value").asText()).isEqualTo("o1");
    }

    @Test
    void int64sThatProtobufsJsonWritesAsStringsAreReadAsNumbers() throws Exception {
        Protos.Resource ports = Protos.Resource.newBuilder().setName("ports")
                .setType(Protos.Value.Type.RANGES)
                .setRanges(Protos.Value.Ranges.newBuilder().addRange(
                        Protos.Value.Range.newBuilder().setBegin(31000).setEnd(31001)))
                .build();
        Protos.TaskInfo task = Protos.TaskInfo.newBuilder().setName("t")
                .setTaskId(Protos.TaskID.newBuilder().setValue("t1"))
                .setAgentId(Protos.AgentID.newBuilder().setValue("a1"))
                .addResources(ports).build();
        Call accept = Call.newBuilder().setType(Call.Type.ACCEPT)
                .setFrameworkId(FrameworkID.newBuilder().setValue("f1"))
                .setAccept(Call.Accept.newBuilder().addOfferIds(OfferID.newBuilder().setValue("o1"))
                        .addOperations(Protos.Offer.Operation.newBuilder()
                                .setType(Protos.Offer.Operation.Type.LAUNCH)
                                .setLaunch(Protos.Offer.Operation.Launch.newBuilder()
                                        .addTaskInfos(task))))
                .build();
        assertThat(post("/api/v1/scheduler", V1Codec.PROTOBUF, null, accept.toByteArray()).statusCode())
                .isEqualTo(202);
        assertThat(seen.get()).contains("\"begin\":\"31000\"");
        io.plumbery.runtime.protocol.Call read = Json.read(seen.get(), io.plumbery.runtime.protocol.Call.class);
        Values.Range range = read.accept().operations().get(0).launch().taskInfos().get(0)
                .resources().get(0).ranges().range().get(0);
        assertThat(range.begin()).isEqualTo(31000L);
        assertThat(range.end()).isEqualTo(31001L);
    }

    @Test
    void subscribeStreamsRecordIoFramedProtobufEvents() throws Exception {
        Call subscribe = Call.newBuilder().setType(Call.Type.SUBSCRIBE).setSubscribe(Call.Subscribe.newBuilder()
                .setFrameworkInfo(Protos.FrameworkInfo.newBuilder().setUser("u").setName("n")))
                .build();
        HttpResponse<byte[]> answer = post("/api/v1/scheduler", V1Codec.PROTOBUF, V1Codec.PROTOBUF,
                subscribe.toByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue(V1Codec.PROTOBUF);
        ByteArrayInputStream records = new ByteArrayInputStream(answer.body());
        Event subscribed = Event.parseFrom(RecordIo.read(records));
        assertThat(subscribed.getSubscribed().getFrameworkId().getValue()).isEqualTo("f1");
        assertThat(subscribed.getSubscribed().getHeartbeatIntervalSeconds()).isEqualTo(15.0);
        assertThat(Event.parseFrom(RecordIo.read(records)).getType()).isEqualTo(Event.Type.HEARTBEAT);
        assertThat(RecordIo.read(records)).isNull();
    }

    @Test
    void jsonIsAnsweredFirstWhenBothAreAccepted() throws Exception {
        HttpResponse<byte[]> answer = post("/api/v1", V1Codec.PROTOBUF, "application/x-protobuf, application/json",
                org.apache.mesos.v1.master.Protos.Call.newBuilder()
                        .setType(org.apache.mesos.v1.master.Protos.Call.Type.GET_HEALTH).build().toByteArray());
        assertThat(answer.headers().firstValue("Content-Type")).hasValue(V1Codec.JSON);
        assertThat(Json.parse(new String(answer.body(), StandardCharsets.UTF_8)).path("get_health")
                .path("healthy").asBoolean()).isTrue();
    }

    @Test
    void operatorAnswersInProtobufWhenOnlyProtobufIsAccepted() throws Exception {
        HttpResponse<byte[]> answer = post("/api/v1", V1Codec.JSON, V1Codec.PROTOBUF,
                "{\"type\":\"GET_HEALTH\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue(V1Codec.PROTOBUF);
        Response response = Response.parseFrom(answer.body());
        assertThat(response.getType()).isEqualTo(Response.Type.GET_HEALTH);
        assertThat(response.getGetHealth().getHealthy()).isTrue();
    }

    @Test
    void malformedProtobufIsABadRequestInPlainText() throws Exception {
        HttpResponse<byte[]> answer = post("/api/v1/scheduler", V1Codec.PROTOBUF, null, new byte[] {(byte) 0xff, 1});
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8))
                .isEqualTo("Failed to parse body into Call protobuf");
        assertThat(seen.get()).isNull();
    }

    @Test
    void otherContentTypesAreUnsupported() throws Exception {
        HttpResponse<byte[]> answer = post("/api/v1/scheduler", "text/plain", null, "hi".getBytes());
        assertThat(answer.statusCode()).isEqualTo(415);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8))
                .isEqualTo("Expecting 'Content-Type' of application/json or application/x-protobuf");
    }

    @Test
    void notAcceptableOnlyForCallsThatAnswerWithABody() throws Exception {
        byte[] health = "{\"type\":\"GET_HEALTH\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(post("/api/v1", V1Codec.JSON, "text/html", health).statusCode()).isEqualTo(406);
        byte[] decline = "{\"type\":\"DECLINE\",\"framework_id\":{\"value\":\"f1\"}}".getBytes(StandardCharsets.UTF_8);
        assertThat(post("/api/v1/scheduler", V1Codec.JSON, "text/html", decline).statusCode()).isEqualTo(202);
        byte[] subscribe = "{\"type\":\"SUBSCRIBE\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(post("/api/v1/scheduler", V1Codec.JSON, "text/html", subscribe).statusCode()).isEqualTo(406);
    }

    private HttpResponse<byte[]> post(String path, String contentType, String accept, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
