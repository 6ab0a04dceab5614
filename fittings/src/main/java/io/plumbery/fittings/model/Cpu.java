package io.plumbery.fittings.model;

/** {@code cpu: 4} or plumbery's {@code cpu: 4 2 highperformance} (count, cores per socket, speed). */
public record Cpu(int count, int coresPerSocket, String speed) {

    public static final Cpu DEFAULT = new Cpu(1, 1, "standard");
}
