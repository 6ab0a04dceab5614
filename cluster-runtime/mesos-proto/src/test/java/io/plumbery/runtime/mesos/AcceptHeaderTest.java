package io.plumbery.runtime.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcceptHeaderTest {
    @Test
    void noHeaderAcceptsEverything() {
        assertThat(AcceptHeader.allows(null, V1Codec.PROTOBUF)).isTrue();
    }

    @Test
    void exactTypeThenTypeWildcardThenAnything() {
        assertThat(AcceptHeader.allows("application/x-protobuf", V1Codec.PROTOBUF)).isTrue();
        assertThat(AcceptHeader.allows("application/x-protobuf", V1Codec.JSON)).isFalse();
        assertThat(AcceptHeader.allows("text/html, application/*", V1Codec.JSON)).isTrue();
        assertThat(AcceptHeader.allows("*/*", V1Codec.JSON)).isTrue();
        assertThat(AcceptHeader.allows("Application/JSON; charset=utf-8", V1Codec.JSON)).isTrue();
    }

    @Test
    void qualityZeroOrMalformedRefuses() {
        assertThat(AcceptHeader.allows("application/json;q=0, */*", V1Codec.JSON)).isFalse();
        assertThat(AcceptHeader.allows("application/json;q=x", V1Codec.JSON)).isFalse();
        assertThat(AcceptHeader.allows("application/json;q=0.5", V1Codec.JSON)).isTrue();
    }
}
