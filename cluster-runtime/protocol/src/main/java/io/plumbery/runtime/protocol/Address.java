package io.plumbery.runtime.protocol;

/** mesos.v1.Address. */
public record Address(String hostname, String ip, int port) {
}
