package io.plumbery.fittings.model;

import java.util.List;

/**
 * A {@code glue} line: {@code internet icmp 22 udp:137..138} gives the node a public address open to those
 * rules; any other line names a further network the node joins, optionally with its address there and the
 * type of its network card: {@code gigafox.control}, {@code primary .11} (host part on that network),
 * {@code backend 10.3.0.11}, {@code storage vmxnet3}, {@code storage .12 e1000}.
 *
 * @param rules   what the public address is open to; empty for a network line
 * @param nicType the type of the node's card on that network ({@code vmxnet3}...), or null for the provider's
 */
public record Glue(boolean internet, String network, String address, List<PortRule> rules, String nicType) {

    public Glue {
        rules = List.copyOf(rules);
    }

    public static Glue publicAddress(List<PortRule> rules) {
        return new Glue(true, null, null, rules, null);
    }

    public static Glue network(String name, String address) {
        return network(name, address, null);
    }

    public static Glue network(String name, String address, String nicType) {
        return new Glue(false, name, address, List.of(), nicType);
    }
}
