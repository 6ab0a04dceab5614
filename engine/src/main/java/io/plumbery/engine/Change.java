package io.plumbery.engine;

/**
 * One resource and what deploy would do to it.
 *
 * @param kind    network, firewall, node or public-address
 * @param summary what it is, for people: {@code 10.77.1.0/24}, {@code 2 cpu, 4 GB, debian-12}
 * @param reason  why it is not a no-op, when it is not obvious (e.g. "recorded but never finished")
 */
public record Change(String address, String kind, Action action, String summary, String reason) {
}
