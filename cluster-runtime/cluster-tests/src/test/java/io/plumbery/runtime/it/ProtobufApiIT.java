package io.plumbery.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.master.MasterServer;
import io.plumbery.runtime.protocol.RecordIo;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Event;
import org.apache.mesos.v1.master.Protos.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator APIs of a master and an agent with a task running, asked and answered in protobuf: every answer the
 * JSON handlers write must map onto Mesos's own messages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtobufApiIT {
    private static final String PROTOBUF = "application/x-protobuf";
    @TempDir
    static Path dir;
    TestingServer zk;
    MasterServer master;
    AgentServer agent;
    SchedulerClient scheduler;
    String endpoint;

    @BeforeAll
    void start() throws Exception {
        zk = new TestingServer(Cluster.freePort("127.0.0.1"), true);
        String url = "zk://" + zk.getConnectString() + "/mesos";
        master = Cluster.master("127.0.0.1", url, dir.resolve("master"));
        await().atMost(Duration.ofSeconds(15)).until(master::isLeader);
        endpoint = "127.0.0.1:" + master.port();
        agent = Cluster.agent("127.0.0.2", url, dir.resolve("agent"));
        await().atMost(Duration.ofSeconds(15)).until(agent::isRegistered);
        scheduler = new SchedulerClient(endpoint);
        scheduler.subscribe(endpoint, SchedulerClient.frameworkInfo("proto-it", null, 60, true));
        JsonNode offer = scheduler.awaitOffer(10);
        assertThat(scheduler.launch(offer, "proto-1", "sleep 300", 0.1, 32)).isEqualTo(202);
        scheduler.awaitUpdate("proto-1", "TASK_RUNNING", 10);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {scheduler, agent, master, zk}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void masterAnswersEveryCallInProtobuf() throws Exception {
        Response state = Response.parseFrom(call(endpoint, Call.Type.GET_STATE).body());
        assertThat(state.getGetState().getGetTasks().getTasksList())
                .anySatisfy(t -> assertThat(t.getTaskId().getValue()).isEqualTo("proto-1"));
        assertThat(state.getGetState().getGetAgents().getAgentsList()).hasSize(1);
        assertThat(state.getGetState().getGetFrameworks().getFrameworks(0).getFrameworkInfo().getName())
                .isEqualTo("proto-it");
        Response agents = Response.parseFrom(call(endpoint, Call.Type.GET_AGENTS).body());
        assertThat(agents.getGetAgents().getAgents(0).getAgentInfo().getHostname()).isEqualTo("127.0.0.2");
        Response master = Response.parseFrom(call(endpoint, Call.Type.GET_MASTER).body());
        assertThat(master.getGetMaster().getMasterInfo().getPort()).isEqualTo(this.master.port());
        Response flags = Response.parseFrom(call(endpoint, Call.Type.GET_FLAGS).body());
        assertThat(flags.getGetFlags().getFlagsList())
                .anySatisfy(f -> assertThat(f.getName() + "=" + f.getValue()).isEqualTo("port=" + this.master.port()));
        Response metrics = Response.parseFrom(call(endpoint, Call.Type.GET_METRICS).body());
        assertThat(metrics.getGetMetrics().getMetricsList())
                .anySatisfy(m -> assertThat(m.getName() + "=" + m.getValue()).isEqualTo("master/elected=1.0"))
                .anySatisfy(m -> assertThat(m.getName() + "=" + m.getValue()).isEqualTo("master/slaves_active=1.0"));
        Response roles = Response.parseFrom(call(endpoint, Call.Type.GET_ROLES).body());
        String frameworkId = state.getGetState().getGetFrameworks().getFrameworks(0).getFrameworkInfo().getId().getValue();
        assertThat(roles.getGetRoles().getRolesList()).anySatisfy(r -> {
            assertThat(r.getWeight()).isEqualTo(1.0);
            assertThat(r.getFrameworksList()).anySatisfy(id -> assertThat(id.getValue()).isEqualTo(frameworkId));
        });
        for (Call.Type type : new Call.Type[] {Call.Type.GET_HEALTH, Call.Type.GET_VERSION, Call.Type.GET_FRAMEWORKS,
                Call.Type.GET_TASKS, Call.Type.GET_EXECUTORS}) {
            HttpResponse<byte[]> answer = call(endpoint, type);
            assertThat(answer.statusCode()).as(type.name()).isEqualTo(200);
            assertThat(Response.parseFrom(answer.body()).getType().name()).isEqualTo(type.name());
        }
    }

    @Test
    void masterSubscribeStreamsProtobufEvents() throws Exception {
        HttpResponse<InputStream> answer = Cluster.HTTP.send(request(endpoint, Call.newBuilder()
                .setType(Call.Type.SUBSCRIBE).build().toByteArray()), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = answer.body()) {
            assertThat(answer.headers().firstValue("Content-Type")).hasValue(PROTOBUF);
            Event subscribed = Event.parseFrom(RecordIo.read(in));
            assertThat(subscribed.getType()).isEqualTo(Event.Type.SUBSCRIBED);
            assertThat(subscribed.getSubscribed().getGetState().getGetTasks().getTasksCount()).isEqualTo(1);
        }
    }

    @Test
    void agentAnswersInProtobuf() throws Exception {
        HttpResponse<byte[]> answer = Cluster.HTTP.send(request("127.0.0.2:" + agent.port(),
                org.apache.mesos.v1.agent.Protos.Call.newBuilder()
                        .setType(org.apache.mesos.v1.agent.Protos.Call.Type.GET_STATE).build().toByteArray()),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        org.apache.mesos.v1.agent.Protos.Response state = org.apache.mesos.v1.agent.Protos.Response.parseFrom(
                answer.body());
        assertThat(state.getGetState().getGetTasks().getLaunchedTasksList())
                .anySatisfy(t -> assertThat(t.getTaskId().getValue()).isEqualTo("proto-1"));
    }

    private static HttpResponse<byte[]> call(String endpoint, Call.Type type) throws Exception {
        return Cluster.HTTP.send(request(endpoint, Call.newBuilder().setType(type).build().toByteArray()),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpRequest request(String endpoint, byte[] body) {
        return HttpRequest.newBuilder(URI.create("http://" + endpoint + "/api/v1"))
                .header("Content-Type", PROTOBUF).header("Accept", PROTOBUF)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }
}
