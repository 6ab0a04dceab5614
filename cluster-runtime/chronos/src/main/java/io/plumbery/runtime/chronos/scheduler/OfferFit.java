package io.plumbery.runtime.chronos.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.chronos.job.Job;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What is left of one offer while runs are placed on it, and whether a job fits: its cpus, mem and disk, and its
 * constraints on the agent's attributes ({@code hostname} included) as Chronos checks them: EQUALS, LIKE and UNLIKE
 * (regular expressions matching the whole value).
 */
final class OfferFit {
    private static final double SLACK = 1e-6;
    final String offerId;
    final String agentId;
    final String hostname;
    final JsonNode allocationInfo;
    private final Map<String, String> attributes = new HashMap<>();
    private double cpus;
    private double mem;
    private double disk;

    OfferFit(JsonNode offer) {
        offerId = offer.path("id").path("value").asText();
        agentId = offer.path("agent_id").path("value").asText();
        hostname = offer.path("hostname").asText();
        JsonNode allocation = null;
        for (JsonNode r : offer.path("resources")) {
            double v = r.path("scalar").path("value").asDouble();
            switch (r.path("name").asText()) {
                case "cpus" -> cpus += v;
                case "mem" -> mem += v;
                case "disk" -> disk += v;
                default -> { }
            }
            if (allocation == null && r.has("allocation_info")) {
                allocation = r.get("allocation_info");
            }
        }
        allocationInfo = allocation;
        attributes.put("hostname", hostname);
        for (JsonNode a : offer.path("attributes")) {
            String value = a.has("text") ? a.path("text").path("value").asText()
                    : a.has("scalar") ? scalar(a.path("scalar").path("value").asDouble()) : a.path("set").toString();
            attributes.put(a.path("name").asText(), value);
        }
    }

    private static String scalar(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    boolean fits(Job job) {
        if (job.cpus() > cpus + SLACK || job.mem() > mem + SLACK || job.disk() > disk + SLACK) {
            return false;
        }
        for (JsonNode c : job.constraints()) {
            if (!satisfies(attributes.get(c.get(0).asText()), c.get(1).asText(), c.get(2).asText())) {
                return false;
            }
        }
        return true;
    }

    static boolean satisfies(String actual, String operator, String value) {
        try {
            return switch (operator) {
                case "EQUALS" -> value.equals(actual);
                case "LIKE" -> actual != null && Pattern.matches(value, actual);
                case "UNLIKE" -> actual == null || !Pattern.matches(value, actual);
                default -> true;
            };
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    void take(Job job) {
        cpus -= job.cpus();
        mem -= job.mem();
        disk -= job.disk();
    }
}
