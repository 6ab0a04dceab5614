package io.plumbery.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonNullsTest {

    @Test
    void nullFieldsAreAbsentAtEveryDepth() {
        String call = """
                {"type": "ACCEPT", "framework_id": {"value": "fw"}, "subscribe": null,
                 "accept": {"offer_ids": [{"value": "o1"}], "filters": null, "operations": [{"type": "LAUNCH",
                   "launch": {"task_infos": [{"name": "t", "task_id": {"value": "t1"}, "executor": null,
                     "container": null, "health_check": null, "kill_policy": null, "labels": null,
                     "command": {"value": "sleep 1", "shell": null, "uris": null}}]}}]}}""";
        Call read = Json.read(call, Call.class);
        TaskInfo task = read.accept().operations().get(0).launch().taskInfos().get(0);
        assertThat(read.subscribe()).isNull();
        assertThat(read.accept().filters()).isNull();
        assertThat(task.executor()).isNull();
        assertThat(task.container()).isNull();
        assertThat(task.healthCheck()).isNull();
        assertThat(task.labels()).isNull();
        assertThat(task.command().value()).isEqualTo("sleep 1");
        assertThat(Json.write(task)).doesNotContain("null");
    }

    @Test
    void parsedTreesKeepNoNullFieldsButKeepArrayElements() {
        assertThat(Json.parse("{\"a\": null, \"b\": {\"c\": null, \"d\": 1}, \"e\": [{\"f\": null}, 2]}"))
                .hasToString("{\"b\":{\"d\":1},\"e\":[{},2]}");
        assertThat(Json.parse("").isMissingNode()).isTrue();
    }

    @Test
    void anEmptyBodyIsStillInvalid() {
        assertThatThrownBy(() -> Json.read("", Call.class)).isInstanceOf(IllegalArgumentException.class);
    }
}
