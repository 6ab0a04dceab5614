package io.plumbery.fittings.model;

import java.util.List;

/**
 * A {@code glue} line: {@code internet 22 80} gives the node a public address open on those ports;
 * any other line names a further network the node joins, optionally with its address there:
 * {@code gigafox.control}, {@code primary .11} (host part on that network), {@code backend 10.3.0.11}.
 */
public record Glue(boolean internet, String network, String address, List<Integer> ports) {

    public Glue {
        ports = List.copyOf(ports);
    }

    public static Glue internet(List<Integer> ports) {
        return new Glue(true, null, null, ports);
    }

    public static Glue network(String name, String address) {
        return new Glue(false, name, address, List.of());
    }
}
