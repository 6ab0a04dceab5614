package io.plumbery.runtime.chronos.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.chronos.job.Job;
import io.plumbery.runtime.protocol.Attribute;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.Offer;
import io.plumbery.runtime.protocol.Resource;
import io.plumbery.runtime.protocol.Resources;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What is left of one offer while runs are placed on it, and whether a job fits: its cpus, mem and disk, and its
 * constraints on the agent's attributes ({@code hostname} included) as Chronos checks them: EQUALS, LIKE and UNLIKE
 * (regular expressions matching the whole value).
 */
final class OfferFit {
    final String offerId;
    final String agentId;
    final String hostname;
    /** The role the offer's resources are allocated to, which a task's resources must repeat. */
    final String allocationRole;
    private final Map<String, String> attributes = new HashMap<>();
    private Resources left;

    OfferFit(JsonNode json) {
        Offer offer = Json.MAPPER.convertValue(json, Offer.class);
        offerId = offer.id().value();
        agentId = offer.agentId().value();
        hostname = offer.hostname();
        List<Resource> resources = offer.resources() == null ? List.of() : offer.resources();
        left = Resources.fromProto(resources);
        allocationRole = resources.stream().map(Resource::allocationInfo).filter(Objects::nonNull)
                .map(Resource.AllocationInfo::role).findFirst().orElse(null);
        attributes.put("hostname", hostname);
        if (offer.attributes() != null) {
            for (Attribute a : offer.attributes()) {
                attributes.put(a.name(), String.valueOf(a.plainValue()));
            }
        }
    }

    static Resources needs(Job job) {
        return Resources.scalars(Map.of("cpus", job.cpus(), "mem", job.mem(), "disk", job.disk()));
    }

    boolean fits(Job job) {
        if (!left.contains(needs(job))) {
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
        left = left.minus(needs(job));
    }
}
