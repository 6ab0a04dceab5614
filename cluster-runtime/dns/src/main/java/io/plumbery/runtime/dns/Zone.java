package io.plumbery.runtime.dns;

/** What one successful refresh produced: the records and the SOA serial (seconds since the epoch, as Mesos-DNS). */
record Zone(RecordSet records, long serial) {
}
