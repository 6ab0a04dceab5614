package io.plumbery.runtime.marathon.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Placement constraints as pure functions (like Netflix Fenzo): given a candidate host and the hosts the app's
 * tasks already run on, each constraint answers (ok, reason). Fields are {@code hostname} or an agent attribute.
 */
public final class Constraints {
    public static final Set<String> OPERATORS = Set.of("UNIQUE", "CLUSTER", "GROUP_BY", "LIKE", "UNLIKE", "MAX_PER", "IS");

    private Constraints() {
    }

    /** Where a task runs or could run: the agent's hostname and text/scalar attributes. */
    public record Placement(String hostname, Map<String, String> attributes) {
        String field(String name) {
            if (name.equals("hostname") || name.equals("@hostname")) {
                return hostname;
            }
            return attributes.get(name);
        }
    }

    public record Result(boolean ok, String reason) {
        static final Result OK = new Result(true, null);

        static Result no(String reason) {
            return new Result(false, reason);
        }
    }

    /** All constraints of an app against one candidate; the first failure's reason. */
    public static Result check(List<List<String>> constraints, Placement candidate, List<Placement> existing) {
        for (List<String> c : constraints) {
            Result r = checkOne(c, candidate, existing);
            if (!r.ok()) {
                return r;
            }
        }
        return Result.OK;
    }

    public static Result checkOne(List<String> c, Placement candidate, List<Placement> existing) {
        String field = c.get(0);
        String op = c.get(1);
        String value = c.size() > 2 ? c.get(2) : null;
        String mine = candidate.field(field);
        if (mine == null) {
            return op.equals("UNLIKE") ? Result.OK : Result.no("agent has no attribute '" + field + "'");
        }
        Map<String, Integer> counts = new HashMap<>();
        for (Placement p : existing) {
            String v = p.field(field);
            if (v != null) {
                counts.merge(v, 1, Integer::sum);
            }
        }
        int here = counts.getOrDefault(mine, 0);
        String describe = String.join(":", c);
        return switch (op) {
            case "UNIQUE" -> here == 0 ? Result.OK : Result.no(describe + ": a task already runs with " + field + "=" + mine);
            case "CLUSTER" -> {
                String wanted = value != null && !value.isEmpty() ? value
                        : counts.isEmpty() ? mine : counts.keySet().iterator().next();
                yield wanted.equals(mine) ? Result.OK : Result.no(describe + ": " + field + "=" + mine + " is not " + wanted);
            }
            case "IS" -> mine.equals(value) ? Result.OK : Result.no(describe + ": " + field + "=" + mine);
            case "LIKE" -> Pattern.matches(value, mine) ? Result.OK : Result.no(describe + ": " + field + "=" + mine + " does not match");
            case "UNLIKE" -> !Pattern.matches(value, mine) ? Result.OK : Result.no(describe + ": " + field + "=" + mine + " matches");
            case "MAX_PER" -> here < Integer.parseInt(value) ? Result.OK
                    : Result.no(describe + ": already " + here + " tasks with " + field + "=" + mine);
            case "GROUP_BY" -> groupBy(counts, mine, value == null ? 0 : Integer.parseInt(value), describe);
            default -> Result.no("unknown operator " + op);
        };
    }

    private static Result groupBy(Map<String, Integer> counts, String mine, int groups, String describe) {
        if (counts.isEmpty()) {
            return Result.OK;
        }
        int here = counts.getOrDefault(mine, 0);
        if (counts.size() < groups) {
            return here == 0 ? Result.OK : Result.no(describe + ": " + mine + " already has tasks, "
                    + groups + " groups expected");
        }
        int min = counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        if (!counts.containsKey(mine)) {
            min = 0;
        }
        return here <= min ? Result.OK : Result.no(describe + ": " + mine + " has " + here + " tasks, more than " + min);
    }

    /** Validation of one constraint's shape; empty when valid. */
    public static List<String> validate(List<String> c) {
        List<String> errors = new ArrayList<>();
        if (c == null || c.size() < 2 || c.size() > 3) {
            errors.add("Each constraint must have either 2 or 3 fields");
            return errors;
        }
        String op = c.get(1);
        String value = c.size() > 2 ? c.get(2) : null;
        if (!OPERATORS.contains(op)) {
            errors.add("Constraint operator must be one of the following: [" + String.join(", ", OPERATORS.stream().sorted().toList()) + "]");
            return errors;
        }
        switch (op) {
            case "UNIQUE" -> {
                if (value != null) {
                    errors.add("Value specified but not used");
                }
            }
            case "LIKE", "UNLIKE" -> {
                if (value == null) {
                    errors.add("A regular expression value must be provided");
                } else {
                    try {
                        Pattern.compile(value);
                    } catch (PatternSyntaxException e) {
                        errors.add("'" + value + "' is not a valid regular expression");
                    }
                }
            }
            case "MAX_PER", "GROUP_BY" -> {
                if (value != null && !value.matches("\\d+")) {
                    errors.add("Value was specified but is not a number");
                } else if (value == null && op.equals("MAX_PER")) {
                    errors.add("A numeric value must be provided");
                }
            }
            case "IS" -> {
                if (value == null) {
                    errors.add("A value must be provided");
                }
            }
            default -> { }
        }
        return errors;
    }
}
