package io.plumbery.runtime.dns;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Answers one query, as Mesos-DNS's resolver does: names in the domain from the current records (authoritative,
 * answers shuffled for crude load balancing, SRV targets' addresses as additional records); others forwarded
 * upstream, REFUSED when there is no upstream and SERVFAIL when none answers.
 *
 * <p>Where Mesos-DNS is loose this is strict DNS: an unknown name is NXDOMAIN for every type (Mesos-DNS answers an
 * empty NOERROR to SRV), a known name asked for another type is NODATA, both with the SOA in the authority section;
 * SOA and NS are answered at the apex only. Before the first refresh, names in the domain get SERVFAIL so that no
 * client caches a negative answer.
 */
final class DnsResolver {
    private static final Logger LOG = LoggerFactory.getLogger(DnsResolver.class);
    static final int SRV_WEIGHT = 1;
    static final int SOA_REFRESH = 60;
    static final int SOA_RETRY = 600;
    static final int SOA_EXPIRE = 86400;
    private static final int UDP_DEFAULT = 512;
    private static final int EDNS_PAYLOAD = 4096;

    private final DnsConfig config;
    private final Name apex;
    private final Supplier<Zone> zone;
    private final Forwarder forwarder;

    /** @param zone the current records; null until the first refresh */
    DnsResolver(DnsConfig config, Supplier<Zone> zone, Forwarder forwarder) {
        this.config = config;
        this.apex = name(config.domain() + ".");
        this.zone = zone;
        this.forwarder = forwarder;
    }

    /**
     * The wire reply to a wire query, at most as long as the transport allows; null for what must not be answered:
     * no DNS header, or a response (answering those could make two servers talk to each other forever).
     */
    byte[] reply(byte[] wire, boolean overTcp) {
        if (wire.length < Header.LENGTH || (wire[2] & 0x80) != 0) {
            return null;
        }
        Message query;
        try {
            query = new Message(wire);
        } catch (IOException e) {
            Message formErr = new Message(((wire[0] & 0xFF) << 8) | (wire[1] & 0xFF));
            formErr.getHeader().setFlag(Flags.QR);
            formErr.getHeader().setRcode(Rcode.FORMERR);
            return formErr.toWire();
        }
        return answer(query, overTcp).toWire(overTcp ? Message.MAXLENGTH : udpLimit(query));
    }

    Message answer(Message query, boolean overTcp) {
        Record question = query.getQuestion();
        if (query.getHeader().getOpcode() != Opcode.QUERY) {
            return reply(query, Rcode.NOTIMP);
        }
        if (question == null) {
            return reply(query, Rcode.FORMERR);
        }
        if (!question.getName().subdomain(apex)) {
            return forward(query, overTcp);
        }
        Zone current = zone.get();
        if (current == null) {
            return reply(query, Rcode.SERVFAIL);
        }
        return authoritative(query, question, current);
    }

    private Message forward(Message query, boolean overTcp) {
        if (forwarder.isEmpty()) {
            return reply(query, Rcode.REFUSED);
        }
        try {
            return forwarder.forward(query, overTcp);
        } catch (IOException e) {
            LOG.debug("No upstream answered {}: {}", query.getQuestion(), e.toString());
            return reply(query, Rcode.SERVFAIL);
        }
    }

    private Message authoritative(Message query, Record question, Zone current) {
        Name qname = question.getName();
        String name = qname.toString().toLowerCase(Locale.ROOT);
        RecordSet records = current.records();
        int type = question.getType();
        boolean any = type == Type.ANY;
        boolean atApex = qname.equals(apex);
        List<Record> answers = new ArrayList<>();
        Set<String> extraNames = new LinkedHashSet<>();
        if (type == Type.A || any) {
            records.a(name).forEach(ip -> answers.add(new ARecord(qname, DClass.IN, config.ttl(), HostResolver.literal(ip))));
        }
        if (type == Type.AAAA || any) {
            records.aaaa(name).forEach(ip -> answers.add(new AAAARecord(qname, DClass.IN, config.ttl(), HostResolver.literal(ip))));
        }
        if (type == Type.SRV || any) {
            for (RecordSet.Srv srv : records.srv(name)) {
                answers.add(new SRVRecord(qname, DClass.IN, config.ttl(), 0, SRV_WEIGHT, srv.port(), name(srv.target())));
                extraNames.add(srv.target());
            }
        }
        if (atApex && (type == Type.SOA || any)) {
            answers.add(soa(current.serial()));
        }
        if (atApex && (type == Type.NS || any)) {
            answers.add(new NSRecord(apex, DClass.IN, config.ttl(), name(config.soaMname())));
            extraNames.add(config.soaMname());
        }
        Collections.shuffle(answers);
        Message response = reply(query, Rcode.NOERROR);
        response.getHeader().setFlag(Flags.AA);
        answers.forEach(r -> response.addRecord(r, Section.ANSWER));
        for (String extra : extraNames) {
            Name owner = name(extra);
            records.a(extra).forEach(ip -> response.addRecord(
                    new ARecord(owner, DClass.IN, config.ttl(), HostResolver.literal(ip)), Section.ADDITIONAL));
            records.aaaa(extra).forEach(ip -> response.addRecord(
                    new AAAARecord(owner, DClass.IN, config.ttl(), HostResolver.literal(ip)), Section.ADDITIONAL));
        }
        if (answers.isEmpty()) {
            response.getHeader().setRcode(atApex || records.has(name) ? Rcode.NOERROR : Rcode.NXDOMAIN);
            response.addRecord(soa(current.serial()), Section.AUTHORITY);
        }
        if (query.getOPT() != null) {
            response.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
        }
        return response;
    }

    private SOARecord soa(long serial) {
        return new SOARecord(apex, DClass.IN, config.ttl(), name(config.soaMname()), name(config.soaRname()),
                serial, SOA_REFRESH, SOA_RETRY, SOA_EXPIRE, config.ttl());
    }

    /** A reply with the query's id, opcode, RD flag and question; RA when there is somewhere to recurse to. */
    private Message reply(Message query, int rcode) {
        Message response = new Message(query.getHeader().getID());
        Header header = response.getHeader();
        header.setFlag(Flags.QR);
        header.setOpcode(query.getHeader().getOpcode());
        if (query.getHeader().getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        }
        if (!forwarder.isEmpty()) {
            header.setFlag(Flags.RA);
        }
        header.setRcode(rcode);
        if (query.getQuestion() != null) {
            response.addRecord(query.getQuestion(), Section.QUESTION);
        }
        return response;
    }

    /** 512 bytes over UDP, or what the client's EDNS record offers (Mesos-DNS's {@code maxMsgSize}). */
    private static int udpLimit(Message query) {
        OPTRecord opt = query.getOPT();
        return opt == null ? UDP_DEFAULT : Math.max(UDP_DEFAULT, Math.min(opt.getPayloadSize(), EDNS_PAYLOAD));
    }

    private static Name name(String absolute) {
        try {
            return Name.fromString(absolute);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("Not a DNS name: " + absolute, e);
        }
    }
}
