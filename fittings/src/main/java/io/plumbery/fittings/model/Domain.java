package io.plumbery.fittings.model;

/** A network domain: the routing and firewall boundary that holds a blueprint's ethernet network. */
public record Domain(String name, String description, String service, String ipv4) {
}
