package io.plumbery.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.plumbery.bootstrap.model.ClusterCredentials;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks the cluster's own HTTP APIs (Mesos operator endpoints, Marathon's REST API) how it is, through
 * {@link ClusterHttp}: a node that does not answer is reported, it does not stall the caller.
 */
public final class ClusterProbe {

    private static final ObjectMapper JSON = ClusterHttp.JSON;

    private final ClusterHttp http;

    /**
     * @param admin  the principal to ask as; null to send no credentials
     * @param client the client's TLS (trusting the plan's authority), without timeouts or redirects
     */
    public ClusterProbe(ClusterCredentials.Principal admin, HttpClient.Builder client) {
        this(new ClusterHttp(admin, client));
    }

    public ClusterProbe(ClusterHttp http) {
        this.http = http;
    }

    /** {@code up} when the instance names Chronos's leader ({@code /leader}), else why not. */
    private String chronos(ClusterLayout.Member m) {
        try {
            Optional<JsonNode> leader = json(ClusterLayout.chronosUrl(m) + "leader");
            return leader.isPresent() && !leader.get().path("leader").asText("").isEmpty() ? "up"
                    : "answers without a leader";
        } catch (IOException e) {
            return "no answer (" + e.getClass().getSimpleName() + ")";
        }
    }

    public ClusterStatus probe(ClusterLayout layout) {
        List<ClusterStatus.MasterStatus> masters = new ArrayList<>();
        String mesosLeader = null;
        String marathonLeader = null;
        JsonNode leaderState = null;
        for (ClusterLayout.Member m : layout.masters()) {
            String mesos;
            Optional<JsonNode> state = Optional.empty();
            try {
                HttpResponse<String> redirect = get(ClusterLayout.mesosUrl(m) + "master/redirect");
                state = json(ClusterLayout.mesosUrl(m) + "master/state");
                String leader = state.map(s -> s.path("leader").asText(null)).orElse(null);
                boolean leads = state.isPresent() && leader != null && leader.contains("@" + m.privateAddress() + ":");
                mesos = leads ? "leading" : redirect.statusCode() == 307 ? "standby"
                        : "answers " + redirect.statusCode() + " without a leader";
                if (leads) {
                    mesosLeader = m.name();
                    leaderState = state.get();
                }
            } catch (IOException e) {
                mesos = "no answer (" + e.getClass().getSimpleName() + ")";
            }
            String marathon;
            try {
                Optional<JsonNode> leader = json(ClusterLayout.marathonUrl(m) + "v2/leader");
                marathon = leader.isPresent() ? "up" : "answers without a leader";
                if (leader.isPresent() && marathonLeader == null) {
                    marathonLeader = leader.get().path("leader").asText(null);
                }
            } catch (IOException e) {
                marathon = "no answer (" + e.getClass().getSimpleName() + ")";
            }
            masters.add(new ClusterStatus.MasterStatus(m.name(), ClusterLayout.mesosUrl(m),
                    ClusterLayout.marathonUrl(m), mesos, marathon, ClusterLayout.chronosUrl(m), chronos(m)));
        }
        int agents = 0;
        double cpus = 0;
        double mem = 0;
        if (leaderState != null) {
            for (JsonNode agent : leaderState.path("slaves")) {
                if (registered(agent)) {
                    agents++;
                }
                if (agent.path("active").asBoolean(true)) {
                    cpus += agent.path("resources").path("cpus").asDouble() - agent.path("used_resources").path("cpus").asDouble();
                    mem += agent.path("resources").path("mem").asDouble() - agent.path("used_resources").path("mem").asDouble();
                }
            }
        }
        List<ClusterStatus.AppStatus> apps = marathonLeader == null ? List.of() : apps(layout);
        List<String> dns = layout.masters().stream().map(ClusterLayout.Member::privateAddress).toList();
        List<ClusterStatus.RoleStatus> roles = mesosLeader == null ? List.of() : roles(layout, mesosLeader);
        return new ClusterStatus(layout.zookeeper("/mesos"), dns, masters, mesosLeader, agents, layout.agents().size(),
                cpus, mem, marathonLeader, apps, roles);
    }

    /** The leading master's roles; none when it does not answer them (an older runtime, or it stopped leading). */
    private List<ClusterStatus.RoleStatus> roles(ClusterLayout layout, String leader) {
        for (ClusterLayout.Member m : layout.masters()) {
            if (m.name().equals(leader)) {
                try {
                    return json(ClusterLayout.mesosUrl(m) + "master/roles").map(RoleSettings::status).orElse(List.of());
                } catch (IOException e) {
                    return List.of();
                }
            }
        }
        return List.of();
    }

    /**
     * Whether an agent of the master's state counts as there: active, or deactivated by a drain (held back until
     * {@code undrain}, so that a deploy after {@code drain} does not wait for it); a disconnected agent does not.
     */
    static boolean registered(JsonNode agent) {
        return agent.path("active").asBoolean(true) || agent.has("drain_info");
    }

    private List<ClusterStatus.AppStatus> apps(ClusterLayout layout) {
        for (ClusterLayout.Member m : layout.masters()) {
            try {
                Optional<JsonNode> apps = json(ClusterLayout.marathonUrl(m) + "v2/apps?embed=apps.lastTaskFailure");
                Optional<JsonNode> queue = json(ClusterLayout.marathonUrl(m) + "v2/queue");
                if (apps.isPresent()) {
                    List<ClusterStatus.AppStatus> out = new ArrayList<>();
                    for (JsonNode app : apps.get().path("apps")) {
                        String id = app.path("id").asText();
                        String waiting = null;
                        for (JsonNode q : queue.map(j -> j.path("queue")).orElse(JSON.createArrayNode())) {
                            if (q.path("app").path("id").asText().equals(id)) {
                                waiting = whyWaiting(q, app);
                            }
                        }
                        out.add(new ClusterStatus.AppStatus(id, app.path("instances").asInt(),
                                app.path("tasksRunning").asInt(), app.path("tasksHealthy").asInt(),
                                app.path("tasksStaged").asInt(), waiting));
                    }
                    return out;
                }
            } catch (IOException e) {
                // try the next master's Marathon
            }
        }
        return List.of();
    }

    /**
     * Why Marathon has not launched an app yet, from its launch queue: the last task failure (e.g. "Failed to
     * launch container: No such image"), else the offer checks that failed last. Marathon calls a missing Docker
     * engine an unfulfilled constraint; for a Docker app this says what that constraint is.
     */
    static String whyWaiting(JsonNode queued, JsonNode app) {
        String failure = app.path("lastTaskFailure").path("message").asText("");
        if (!failure.isEmpty()) {
            return "in the launch queue; last try failed on " + app.path("lastTaskFailure").path("host").asText("?")
                    + ": " + failure;
        }
        boolean docker = app.path("container").path("type").asText().equals("DOCKER");
        List<String> rejected = new ArrayList<>();
        for (JsonNode r : queued.path("processedOffersSummary").path("rejectSummaryLastOffers")) {
            if (r.path("declined").asInt() > 0) {
                String reason = r.path("reason").asText();
                if (docker && reason.equals("UnfulfilledConstraint")) {
                    reason += " (a Docker app runs only on agents with a Docker engine: nodes whose cloud-config"
                            + " installs docker.io)";
                }
                rejected.add(reason + " (" + r.path("declined").asInt() + " offers)");
            }
        }
        return rejected.isEmpty() ? "in the launch queue, waiting for offers"
                : "in the launch queue; offers declined: " + String.join(", ", rejected);
    }

    /** Creates an app unless Marathon already has one with its id; returns what Marathon said. */
    public String submit(ClusterLayout layout, Map<String, Object> app) throws IOException {
        IOException last = new IOException("no Marathon answered");
        for (ClusterLayout.Member m : layout.masters()) {
            String base = ClusterLayout.marathonUrl(m) + "v2/apps";
            try {
                String id = String.valueOf(app.get("id")).replaceFirst("^/", "");
                if (get(base + "/" + id).statusCode() == 200) {
                    return "already there";
                }
                HttpResponse<String> created = http.postJson(base, app);
                if (created.statusCode() == 201) {
                    return "created";
                }
                if (created.statusCode() / 100 == 3 || created.statusCode() == 503) {
                    continue; // not the leader and not proxying: ask another one
                }
                throw new IOException("Marathon answered " + created.statusCode() + ": " + created.body());
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private Optional<JsonNode> json(String url) throws IOException {
        return http.json(url);
    }

    private HttpResponse<String> get(String url) throws IOException {
        return http.get(url);
    }
}
