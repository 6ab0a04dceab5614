package io.plumbery.runtime.dns;

/** Turns one DNS query into its reply, both in wire format; what the UDP and TCP servers call. */
@FunctionalInterface
interface DnsHandler {
    /** @return the reply, or null to send nothing (not a DNS message) */
    byte[] reply(byte[] query, boolean overTcp);
}
