package io.plumbery.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResourcesTest {

    @Test
    void parsesMesosFlagSyntax() {
        Resources r = ResourceSpec.parseResources("cpus:4;mem:8192;disk:10000;ports:[31000-32000]");
        assertThat(r.scalar("cpus")).isEqualTo(4.0);
        assertThat(r.scalar("mem")).isEqualTo(8192.0);
        assertThat(r.ranges("ports").size()).isEqualTo(1001);
        assertThat(r.toString()).isEqualTo("cpus:4;disk:10000;mem:8192;ports:[31000-32000]");
    }

    @Test
    void rejectsBadFlags() {
        assertThatThrownBy(() -> ResourceSpec.parseResources("cpus=4")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResourceSpec.parseResources("mem:lots")).hasMessageContaining("mem");
    }

    @Test
    void arithmeticOnScalarsAndRanges() {
        Resources agent = ResourceSpec.parseResources("cpus:4;mem:1024;ports:[31000-31009]");
        Resources task = ResourceSpec.parseResources("cpus:0.1;mem:32;ports:[31002-31003]");
        Resources left = agent.minus(task);
        assertThat(left.scalar("cpus")).isEqualTo(3.9);
        assertThat(left.ranges("ports").toString()).isEqualTo("[31000-31001, 31004-31009]");
        assertThat(left.plus(task)).isEqualTo(agent);
        assertThat(agent.contains(task)).isTrue();
        assertThat(task.contains(agent)).isFalse();
        assertThat(left.contains(ResourceSpec.parseResources("ports:[31002-31002]"))).isFalse();
    }

    @Test
    void repeatedSubtractionDoesNotDrift() {
        Resources r = ResourceSpec.parseResources("cpus:1");
        for (int i = 0; i < 10; i++) {
            r = r.minus(ResourceSpec.parseResources("cpus:0.1"));
        }
        assertThat(r.isEmpty()).isTrue();
    }

    @Test
    void rendersMesosV1Json() throws Exception {
        List<Resource> proto = ResourceSpec.parseResources("cpus:1;ports:[31000-31001]").toProto("*");
        String json = Json.write(proto);
        assertThat(json).contains("{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":1.0},\"role\":\"*\","
                + "\"allocation_info\":{\"role\":\"*\"}}");
        assertThat(json).contains("\"type\":\"RANGES\",\"ranges\":{\"range\":[{\"begin\":31000,\"end\":31001}]}");
        Resource back = Json.MAPPER.readValue(Json.write(proto.get(0)), Resource.class);
        assertThat(back.type()).isEqualTo(Values.Type.SCALAR);
        assertThat(Resources.fromProto(proto)).isEqualTo(ResourceSpec.parseResources("cpus:1;ports:[31000-31001]"));
    }

    @Test
    void parsesAttributes() {
        List<Attribute> attrs = ResourceSpec.parseAttributes("rack:r1;level:2");
        assertThat(attrs).extracting(Attribute::name).containsExactly("rack", "level");
        assertThat(attrs.get(0).type()).isEqualTo(Values.Type.TEXT);
        assertThat(attrs.get(1).plainValue()).isEqualTo(2.0);
    }
}
