package io.plumbery.runtime.protocol;

import java.util.List;

/** Mesos {@code Value} pieces (mesos.proto message Value). */
public final class Values {
    private Values() {
    }

    public enum Type { SCALAR, RANGES, SET, TEXT }

    public record Scalar(double value) {
    }

    public record Range(long begin, long end) {
    }

    public record Ranges(List<Range> range) {
    }

    public record Set(List<String> item) {
    }

    public record Text(String value) {
    }
}
