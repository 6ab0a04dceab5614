package io.plumbery.runtime.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.protocol.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records of a master's state, named as Mesos-DNS names them. */
class DnsRecordGeneratorTest {
    static final String S0 = "20160101-000000-1-5050-1-S0";
    static final String S1 = "20160101-000000-1-5050-1-S1";
    static final String S2 = "20160101-000000-1-5050-1-S2";

    /** Three agents (by pid, by host name only, by a name to resolve); Marathon by host name, a framework by pid. */
    static final String STATE = """
            {"leader": "master@10.0.0.1:5050",
             "slaves": [
               {"id": "%1$s", "pid": "slave(1)@10.0.1.1:5051", "hostname": "agent1"},
               {"id": "%2$s", "hostname": "10.0.1.2"},
               {"id": "%3$s", "pid": "slave(1)@agent3.example:5051", "hostname": "agent3.example"}],
             "frameworks": [
               {"name": "marathon", "hostname": "10.0.0.1", "tasks": [
                 {"id": "prod_web.1111", "name": "web.prod", "slave_id": "%1$s", "state": "TASK_RUNNING",
                  "resources": {"cpus": 0.1, "ports": "[31000-31001]"}},
                 {"id": "prod_web.2222", "name": "web.prod", "slave_id": "%2$s", "state": "TASK_RUNNING",
                  "resources": {"ports": "[31005-31005]"}},
                 {"id": "prod_web.3333", "name": "web.prod", "slave_id": "%3$s", "state": "TASK_STAGING",
                  "resources": {"ports": "[31009-31009]"}},
                 {"id": "lost.1", "name": "lost", "slave_id": "gone", "state": "TASK_RUNNING"},
                 {"id": "db.1", "name": "db", "slave_id": "%3$s", "state": "TASK_RUNNING", "resources": {},
                  "statuses": [
                    {"state": "TASK_STARTING", "timestamp": 1},
                    {"state": "TASK_RUNNING", "timestamp": 2, "container_status": {"network_infos": [
                      {"ip_addresses": [{"ip_address": "172.17.0.5"}]}]}}]}]},
               {"name": "chronos.prod", "pid": "scheduler(1)@10.0.0.2:4400", "tasks": [
                 {"id": "job.1", "name": "job-task", "slave_id": "%1$s", "state": "TASK_RUNNING",
                  "resources": {"ports": "[31010-31010]"},
                  "discovery": {"name": "Job", "ports": {"ports": [{"number": 8080, "name": "http", "protocol": "tcp"}]}}}]}]}
            """.formatted(S0, S1, S2);

    static final HostResolver HOSTS = host -> HostResolver.isIpLiteral(host) ? List.of(host)
            : host.equals("agent3.example") ? List.of("10.0.1.3") : List.of();

    final RecordSet records = new RecordGenerator("mesos", Labels.RFC1123, HOSTS)
            .generate(json(STATE), List.of("10.0.0.1:5050", "10.0.0.3:5050"), List.of("10.0.0.1"));

    static JsonNode json(String text) {
        return Json.read(text, JsonNode.class);
    }

    static String canonical(String task, String taskId, String agentId, String framework) {
        return task + "-" + Labels.hash(taskId) + "-" + Labels.agentIdTail(agentId) + "." + framework;
    }

    @Test
    void runningTasksResolveToTheirAgents() {
        assertThat(records.a("web-prod.marathon.mesos.")).containsExactlyInAnyOrder("10.0.1.1", "10.0.1.2");
        assertThat(records.a("web-prod.marathon.slave.mesos.")).containsExactlyInAnyOrder("10.0.1.1", "10.0.1.2");
        String first = canonical("web-prod", "prod_web.1111", S0, "marathon");
        assertThat(first).matches("web-prod-[a-z0-9]{5}-s0\\.marathon");
        assertThat(records.a(first + ".mesos.")).containsExactly("10.0.1.1");
        assertThat(records.a(first + ".slave.mesos.")).containsExactly("10.0.1.1");
        assertThat(records.has(canonical("web-prod", "prod_web.3333", S2, "marathon") + ".mesos.")).isFalse();
        assertThat(records.has("lost.marathon.mesos.")).isFalse();
    }

    @Test
    void srvRecordsGiveEachHostPortOfEachTask() {
        String first = canonical("web-prod", "prod_web.1111", S0, "marathon") + ".slave.mesos.";
        String second = canonical("web-prod", "prod_web.2222", S1, "marathon") + ".slave.mesos.";
        List<RecordSet.Srv> expected = List.of(new RecordSet.Srv(first, 31000), new RecordSet.Srv(first, 31001),
                new RecordSet.Srv(second, 31005));
        for (String service : List.of("_web-prod._tcp.marathon.mesos.", "_web-prod._udp.marathon.mesos.",
                "_web-prod._tcp.marathon.slave.mesos.", "_web-prod._udp.marathon.slave.mesos.")) {
            assertThat(records.srv(service)).as(service).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(records.has("_db._tcp.marathon.mesos.")).as("a task without ports").isFalse();
    }

    @Test
    void aContainerIpFromTheLatestRunningStatusWinsExceptUnderSlave() {
        assertThat(records.a("db.marathon.mesos.")).containsExactly("172.17.0.5");
        assertThat(records.a("db.marathon.slave.mesos.")).containsExactly("10.0.1.3");
    }

    @Test
    void discoveryInfoNamesTheTaskAndItsPorts() {
        String canonical = canonical("job", "job.1", S0, "chronos.prod");
        assertThat(records.a("job.chronos.prod.mesos.")).containsExactly("10.0.1.1");
        assertThat(records.has("job-task.chronos.prod.mesos.")).isFalse();
        assertThat(records.srv("_job._tcp.chronos.prod.slave.mesos."))
                .containsExactly(new RecordSet.Srv(canonical + ".slave.mesos.", 31010));
        assertThat(records.srv("_job._tcp.chronos.prod.mesos."))
                .containsExactly(new RecordSet.Srv(canonical + ".mesos.", 8080));
        assertThat(records.srv("_http._job._tcp.chronos.prod.mesos."))
                .containsExactly(new RecordSet.Srv(canonical + ".mesos.", 8080));
        assertThat(records.has("_job._udp.chronos.prod.mesos.")).isFalse();
    }

    @Test
    void mastersAgentsFrameworksAndTheNameServer() {
        assertThat(records.a("leader.mesos.")).containsExactly("10.0.0.1");
        assertThat(records.srv("_leader._tcp.mesos.")).containsExactly(new RecordSet.Srv("leader.mesos.", 5050));
        assertThat(records.srv("_leader._udp.mesos.")).containsExactly(new RecordSet.Srv("leader.mesos.", 5050));
        assertThat(records.a("master.mesos.")).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.3");
        assertThat(records.a("master0.mesos.")).containsExactly("10.0.0.1");
        assertThat(records.a("master1.mesos.")).containsExactly("10.0.0.3");
        assertThat(records.a("slave.mesos.")).containsExactlyInAnyOrder("10.0.1.1", "10.0.1.2", "10.0.1.3");
        assertThat(records.srv("_slave._tcp.mesos.")).containsExactly(new RecordSet.Srv("slave.mesos.", 5051));
        assertThat(records.a("marathon.mesos.")).containsExactly("10.0.0.1");
        assertThat(records.has("_framework._tcp.marathon.mesos.")).as("an HTTP framework has no pid").isFalse();
        assertThat(records.a("chronos.prod.mesos.")).containsExactly("10.0.0.2");
        assertThat(records.srv("_framework._tcp.chronos.prod.mesos."))
                .containsExactly(new RecordSet.Srv("chronos.prod.mesos.", 4400));
        assertThat(records.a("ns1.mesos.")).containsExactly("10.0.0.1");
    }

    @Test
    void portRangesAndPids() {
        assertThat(RecordGenerator.ports("[31000-31002, 31005-31005]")).containsExactly(31000, 31001, 31002, 31005);
        assertThat(RecordGenerator.ports("[]")).isEmpty();
        assertThat(RecordGenerator.ports("")).isEmpty();
        assertThat(RecordGenerator.HostPort.ofPid("slave(1)@10.0.0.1:5051"))
                .isEqualTo(new RecordGenerator.HostPort("10.0.0.1", 5051));
        assertThat(RecordGenerator.HostPort.ofPid("no-pid")).isNull();
    }
}
