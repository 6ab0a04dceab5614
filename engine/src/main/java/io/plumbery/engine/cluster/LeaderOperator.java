package io.plumbery.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Mesos's v1 operator API ({@code POST /api/v1}) of whichever master leads: each master is asked in turn, a standby
 * answers 307 (or 503 while it knows no leader) and is passed over, the leader's answer is returned.
 */
public final class LeaderOperator {

    /** No master answered as leader: the cluster is down or out of reach. */
    public static final class NoLeader extends IOException {
        NoLeader(String message) {
            super(message);
        }
    }

    /** The leader's answer: its status and body. */
    public record Answer(int status, String body) {
    }

    private final ClusterHttp http;
    private final List<String> masters;

    /** @param masters the masters' base URLs ({@code https://10.0.0.11:5050/}), any of which may lead */
    public LeaderOperator(ClusterHttp http, List<String> masters) {
        this.http = http;
        this.masters = List.copyOf(masters);
    }

    /** A call of {@code type}, its body to be filled in. */
    public static ObjectNode call(String type) {
        return ClusterHttp.JSON.createObjectNode().put("type", type);
    }

    /** The body of the leader's 200 answer to a read call; anything else is an error that says what it was. */
    public JsonNode read(ObjectNode call) throws IOException {
        Answer answer = send(call);
        if (answer.status() != 200) {
            throw new IOException("the master answered " + call.path("type").asText() + " with " + answer.status()
                    + " " + answer.body().trim());
        }
        return ClusterHttp.JSON.readTree(answer.body());
    }

    /** Sends a call that changes something; anything but 200 is an error naming the master's reason. */
    public void change(ObjectNode call) throws IOException {
        Answer answer = send(call);
        if (answer.status() != 200) {
            throw new IOException("the master refused " + call.path("type").asText() + ": " + answer.status() + " "
                    + answer.body().trim());
        }
    }

    public Answer send(ObjectNode call) throws IOException {
        List<String> why = new ArrayList<>();
        for (String master : masters) {
            try {
                HttpResponse<String> r = http.postJson(master + "api/v1", call);
                if (r.statusCode() / 100 == 3 || r.statusCode() == 503) {
                    why.add(master + " is not the leader (" + r.statusCode() + ")");
                    continue;
                }
                return new Answer(r.statusCode(), r.body());
            } catch (IOException e) {
                why.add(master + ": no answer (" + e.getClass().getSimpleName() + ")");
            }
        }
        throw new NoLeader("no leading master answered: " + String.join("; ", why));
    }

    /** The leader's answer to a read-only GET endpoint ({@code master/roles}), the same way. */
    public JsonNode get(String path) throws IOException {
        List<String> why = new ArrayList<>();
        for (String master : masters) {
            try {
                HttpResponse<String> r = http.get(master + path);
                if (r.statusCode() == 200) {
                    return ClusterHttp.JSON.readTree(r.body());
                }
                why.add(master + " answered " + r.statusCode());
            } catch (IOException e) {
                why.add(master + ": no answer (" + e.getClass().getSimpleName() + ")");
            }
        }
        throw new NoLeader("no leading master answered " + path + ": " + String.join("; ", why));
    }
}
