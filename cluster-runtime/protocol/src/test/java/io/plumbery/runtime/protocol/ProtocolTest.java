package io.plumbery.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProtocolTest {

    @Test
    void recordIoRoundTrip() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(RecordIo.frame("{\"type\":\"HEARTBEAT\"}".getBytes(StandardCharsets.UTF_8)));
        out.write(RecordIo.frame("{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("20\n{\"type\":\"HEARTBEAT\"}2\n{}");
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        assertThat(new String(RecordIo.read(in), StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"HEARTBEAT\"}");
        assertThat(new String(RecordIo.read(in), StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(RecordIo.read(in)).isNull();
        assertThatThrownBy(() -> RecordIo.read(new ByteArrayInputStream("5\n{}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void masterInfoIpIsMesosUint32() {
        assertThat(MasterInfo.ipToUint32("127.0.0.1")).isEqualTo(16777343L);
        assertThat(MasterInfo.uint32ToIp(16777343L)).isEqualTo("127.0.0.1");
        MasterInfo info = MasterInfo.of("id-1", "10.0.0.2", "m1", 5050, "1.11.0");
        assertThat(Json.write(info)).isEqualTo("{\"id\":\"id-1\",\"ip\":33554442,\"port\":5050,\"pid\":\"master@10.0.0.2:5050\","
                + "\"hostname\":\"m1\",\"version\":\"1.11.0\",\"address\":{\"hostname\":\"m1\",\"ip\":\"10.0.0.2\",\"port\":5050}}");
    }

    @Test
    void readsSchedulerCallsWithMesosFieldNames() {
        String json = "{\"framework_id\":{\"value\":\"f\"},\"type\":\"ACCEPT\",\"accept\":{\"offer_ids\":[{\"value\":\"o1\"}],"
                + "\"operations\":[{\"type\":\"LAUNCH\",\"launch\":{\"task_infos\":[{\"name\":\"t\",\"task_id\":{\"value\":\"t1\"},"
                + "\"agent_id\":{\"value\":\"s\"},\"command\":{\"value\":\"true\"},\"kill_policy\":{\"grace_period\":"
                + "{\"nanoseconds\":1000}}}]}}],\"filters\":{\"refuse_seconds\":10}}}";
        Call call = Json.read(json, Call.class);
        assertThat(call.type()).isEqualTo(Call.Type.ACCEPT);
        TaskInfo task = call.accept().operations().get(0).launch().taskInfos().get(0);
        assertThat(task.killPolicy().gracePeriod().nanoseconds()).isEqualTo(1000);
        assertThat(task.command().isShell()).isTrue();
        assertThat(call.accept().filters().refuseSecondsOrDefault()).isEqualTo(10.0);
        assertThat(Json.read("{\"type\":\"SOMETHING_NEW\"}", Call.class).type()).isEqualTo(Call.Type.UNKNOWN);
    }

    @Test
    void writesEventsWithMesosFieldNames() {
        String json = Json.write(Event.update(TaskStatus.of(Id.of("t1"), TaskState.TASK_RUNNING, Id.of("s1"),
                TaskStatus.SOURCE_EXECUTOR, null, null, false)));
        assertThat(json).startsWith("{\"type\":\"UPDATE\",\"update\":{\"status\":{\"task_id\":{\"value\":\"t1\"},"
                + "\"state\":\"TASK_RUNNING\",\"source\":\"SOURCE_EXECUTOR\",\"agent_id\":{\"value\":\"s1\"}");
        assertThat(TaskStatus.newUuid()).hasSize(24);
    }
}
