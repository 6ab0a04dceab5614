package io.plumbery.runtime.allocator;

import java.util.HashMap;
import java.util.Map;

/**
 * Per (framework, role, agent) refusal filters set by DECLINE / ACCEPT with {@code filters.refuse_seconds}: a
 * MULTI_ROLE framework that declines an offer of one role still gets the agent's resources in its other roles.
 */
final class DeclineFilters {
    /** framework id, then role, then agent id, to the time the filter ends */
    private final Map<String, Map<String, Map<String, Long>>> expiries = new HashMap<>();

    void add(String frameworkId, String role, String agentId, long untilMillis) {
        expiries.computeIfAbsent(frameworkId, f -> new HashMap<>()).computeIfAbsent(role, r -> new HashMap<>())
                .merge(agentId, untilMillis, Math::max);
    }

    boolean isFiltered(String frameworkId, String role, String agentId, long nowMillis) {
        Long until = expiries.getOrDefault(frameworkId, Map.of()).getOrDefault(role, Map.of()).get(agentId);
        return until != null && until > nowMillis;
    }

    void clear(String frameworkId) {
        expiries.remove(frameworkId);
    }

    void clear(String frameworkId, Iterable<String> roles) {
        Map<String, Map<String, Long>> byRole = expiries.get(frameworkId);
        if (byRole != null) {
            roles.forEach(byRole::remove);
        }
    }

    void expire(long nowMillis) {
        for (Map<String, Map<String, Long>> byRole : expiries.values()) {
            byRole.values().forEach(m -> m.values().removeIf(until -> until <= nowMillis));
            byRole.values().removeIf(Map::isEmpty);
        }
        expiries.values().removeIf(Map::isEmpty);
    }
}
