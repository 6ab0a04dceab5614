package io.plumbery.runtime.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Answers of the resolver to wire queries, without any network: no upstream, records built by hand. */
class DnsResolverTest {
    static final DnsConfig CONFIG = DnsConfig.of("zk://127.0.0.1:2181/mesos", "mesos");
    static final String WEB = "web-prod.marathon.mesos.";
    static final String TARGET = "web-prod-abcde-s0.marathon.slave.mesos.";

    final RecordSet records = RecordSet.builder()
            .address(WEB, "10.0.1.1").address(WEB, "10.0.1.2")
            .address(TARGET, "10.0.1.1")
            .srv("_web-prod._tcp.marathon.mesos.", TARGET, 31000)
            .srv("_web-prod._tcp.marathon.mesos.", TARGET, 31001)
            .address("ns1.mesos.", "10.0.0.1")
            .build();
    Zone zone = new Zone(records, 1_700_000_000L);
    final DnsResolver resolver = resolver(() -> zone);

    static DnsResolver resolver(Supplier<Zone> zone) {
        return new DnsResolver(CONFIG, zone, new Forwarder(List.of(), Duration.ofSeconds(1)));
    }

    static Message query(String name, int type) throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    }

    Message ask(String name, int type) throws Exception {
        return new Message(resolver.reply(query(name, type).toWire(), false));
    }

    @Test
    void aRecordsAreAuthoritative() throws Exception {
        Message reply = ask("WEB-prod.Marathon.mesos.", Type.A);
        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(reply.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(reply.getHeader().getFlag(Flags.RA)).as("nowhere to recurse to").isFalse();
        assertThat(reply.getSection(Section.ANSWER)).extracting(r -> ((ARecord) r).getAddress().getHostAddress())
                .containsExactlyInAnyOrder("10.0.1.1", "10.0.1.2");
        assertThat(reply.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(60);
    }

    @Test
    void srvAnswersCarryTheTargetsAddresses() throws Exception {
        Message reply = ask("_web-prod._tcp.marathon.mesos.", Type.SRV);
        assertThat(reply.getSection(Section.ANSWER)).extracting(r -> ((SRVRecord) r).getTarget() + ":" + ((SRVRecord) r).getPort())
                .containsExactlyInAnyOrder(TARGET + ":31000", TARGET + ":31001");
        assertThat(reply.getSection(Section.ANSWER)).allSatisfy(r -> {
            assertThat(((SRVRecord) r).getPriority()).isZero();
            assertThat(((SRVRecord) r).getWeight()).isEqualTo(1);
        });
        assertThat(reply.getSection(Section.ADDITIONAL)).extracting(r -> r.getName() + " " + r.rdataToString())
                .containsExactly(TARGET + " 10.0.1.1");
    }

    @Test
    void unknownNamesAreNxdomainWithTheSoaAndKnownNamesOfAnotherTypeNodata() throws Exception {
        for (int type : new int[] {Type.A, Type.SRV, Type.TXT}) {
            Message reply = ask("nope.marathon.mesos.", type);
            assertThat(reply.getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(reply.getHeader().getFlag(Flags.AA)).isTrue();
            SOARecord soa = (SOARecord) reply.getSection(Section.AUTHORITY).get(0);
            assertThat(soa.getName().toString()).isEqualTo("mesos.");
            assertThat(soa.getHost().toString()).isEqualTo("ns1.mesos.");
            assertThat(soa.getSerial()).isEqualTo(1_700_000_000L);
        }
        Message nodata = ask(WEB, Type.AAAA);
        assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
        assertThat(nodata.getSection(Section.AUTHORITY)).hasSize(1);
    }

    @Test
    void theApexHasSoaAndNs() throws Exception {
        assertThat(ask("mesos.", Type.SOA).getSection(Section.ANSWER)).singleElement().isInstanceOf(SOARecord.class);
        Message ns = ask("mesos.", Type.NS);
        assertThat(ns.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("ns1.mesos.");
        assertThat(ns.getSection(Section.ADDITIONAL)).extracting(Record::rdataToString).containsExactly("10.0.0.1");
        assertThat(ask("mesos.", Type.A).getRcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void beforeTheFirstRefreshTheDomainIsServfailAndOtherNamesWithoutUpstreamAreRefused() throws Exception {
        DnsResolver empty = resolver(() -> null);
        assertThat(new Message(empty.reply(query(WEB, Type.A).toWire(), false)).getRcode()).isEqualTo(Rcode.SERVFAIL);
        Message outside = ask("www.example.org.", Type.A);
        assertThat(outside.getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(outside.getHeader().getFlag(Flags.AA)).isFalse();
    }

    @Test
    void malformedQueries() throws Exception {
        assertThat(resolver.reply(new byte[] {1, 2, 3}, false)).isNull();
        byte[] garbage = new byte[] {0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 99};
        Message formErr = new Message(resolver.reply(garbage, false));
        assertThat(formErr.getHeader().getID()).isEqualTo(0x1234);
        assertThat(formErr.getRcode()).isEqualTo(Rcode.FORMERR);
        Message response = query(WEB, Type.A);
        response.getHeader().setFlag(Flags.QR);
        assertThat(resolver.reply(response.toWire(), false)).as("responses are not answered").isNull();
        Message notify = query(WEB, Type.A);
        notify.getHeader().setOpcode(Opcode.NOTIFY);
        assertThat(new Message(resolver.reply(notify.toWire(), false)).getRcode()).isEqualTo(Rcode.NOTIMP);
    }

    @Test
    void bigAnswersAreTruncatedOverUdpButNotOverTcpOrWithEdns() throws Exception {
        RecordSet.Builder many = RecordSet.builder();
        for (int i = 0; i < 100; i++) {
            many.address("big.marathon.mesos.", "10.1.0." + i);
        }
        zone = new Zone(many.build(), 1);
        byte[] udp = resolver.reply(query("big.marathon.mesos.", Type.A).toWire(), false);
        assertThat(udp.length).isLessThanOrEqualTo(512);
        assertThat(new Message(udp).getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(new Message(resolver.reply(query("big.marathon.mesos.", Type.A).toWire(), true))
                .getSection(Section.ANSWER)).hasSize(100);
        Message edns = query("big.marathon.mesos.", Type.A);
        edns.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
        Message reply = new Message(resolver.reply(edns.toWire(), false));
        assertThat(reply.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(reply.getSection(Section.ANSWER)).hasSize(100);
        assertThat(reply.getOPT()).isNotNull();
    }
}
