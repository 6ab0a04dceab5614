package io.plumbery.runtime.acls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Mesos's local authorizer: the ACLs of {@code --acls}, checked as Mesos checks them. For an action, its ACLs are
 * tried in order; the first whose subject (principals) and object both apply to the request decides, granting only
 * if neither of them is {@code NONE} for it; when none applies, {@code permissive} (default true) decides. Without
 * {@code --acls} there is no authorizer and everything is authorized, as in Mesos. Immutable.
 */
public final class Authorizer {
    /** One ACL of an action; recursive ones carry a single role value {@code parent/%} (every role under parent). */
    private record Rule(Entity subjects, Entity objects, boolean recursive) {
    }

    /** No {@code --acls}: every request is authorized. */
    public static final Authorizer NONE = new Authorizer(true, Map.of(), Set.of(), false);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final boolean permissive;
    private final Map<Action, List<Rule>> rules;
    private final Set<String> ignoredKeys;
    private final boolean configured;

    private Authorizer(boolean permissive, Map<Action, List<Rule>> rules, Set<String> ignoredKeys, boolean configured) {
        this.permissive = permissive;
        this.rules = rules;
        this.ignoredKeys = ignoredKeys;
        this.configured = configured;
    }

    /**
     * Reads {@code --acls} as Mesos takes it: the JSON itself, or a path to it ({@code file:///path} or
     * {@code /path}). Throws {@link IllegalArgumentException} with what is wrong.
     */
    public static Authorizer fromFlag(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        String text = value.strip();
        if (!text.startsWith("{")) {
            Path path = text.startsWith("file://") ? Path.of(URI.create(text)) : Path.of(text);
            try {
                text = Files.readString(path);
            } catch (IOException e) {
                throw new IllegalArgumentException("Failed to read ACLs from '" + path + "': " + e.getMessage(), e);
            }
        }
        return parse(text);
    }

    /** Parses the ACLs JSON (Mesos's {@code ACLs} message in JSON). */
    public static Authorizer parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Failed to parse ACLs: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("Failed to parse ACLs: expected a JSON object");
        }
        JsonNode permissive = root.path("permissive");
        if (!permissive.isMissingNode() && !permissive.isBoolean()) {
            throw new IllegalArgumentException("Failed to parse ACLs: 'permissive' must be true or false");
        }
        Map<Action, List<Rule>> rules = new EnumMap<>(Action.class);
        Set<String> ignored = new TreeSet<>();
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (key.equals("permissive")) {
                continue;
            }
            Action action = actionOf(key);
            if (action == null) {
                ignored.add(key);
            } else {
                rules.put(action, List.copyOf(rules(action, root.get(key))));
            }
        }
        return new Authorizer(permissive.asBoolean(true), rules, Set.copyOf(ignored), true);
    }

    private static Action actionOf(String key) {
        for (Action a : Action.values()) {
            if (a.key.equals(key)) {
                return a;
            }
        }
        return null;
    }

    private static List<Rule> rules(Action action, JsonNode list) {
        if (!list.isArray()) {
            throw new IllegalArgumentException("Failed to parse ACLs: '" + action.key + "' must be an array");
        }
        List<Rule> out = new ArrayList<>();
        int index = 0;
        for (JsonNode acl : list) {
            String where = action.key + "[" + index++ + "]";
            Entity subjects = entity(acl, "principals", where);
            Entity objects = entity(acl, action.objects, where);
            if (action.roles && objects.type() == Entity.Type.SOME) {
                // as Mesos does: each "parent/%" becomes an ACL of its own, in place; the plain roles stay together
                List<String> plain = new ArrayList<>();
                for (String role : objects.values()) {
                    if (role.endsWith("/%")) {
                        out.add(new Rule(subjects, Entity.some(role), true));
                    } else {
                        plain.add(role);
                    }
                }
                if (!plain.isEmpty()) {
                    out.add(new Rule(subjects, new Entity(Entity.Type.SOME, plain), false));
                }
            } else {
                out.add(new Rule(subjects, objects, false));
            }
        }
        return out;
    }

    private static Entity entity(JsonNode acl, String field, String where) {
        JsonNode node = acl.get(field);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("Failed to parse ACLs: " + where + " needs '" + field
                    + "' ({\"values\": [...]} or {\"type\": \"ANY\"} or {\"type\": \"NONE\"})");
        }
        Entity.Type type;
        try {
            type = Entity.Type.valueOf(node.path("type").asText("SOME"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Failed to parse ACLs: " + where + "." + field
                    + ".type must be SOME, ANY or NONE");
        }
        List<String> values = new ArrayList<>();
        node.path("values").forEach(v -> values.add(v.asText()));
        return new Entity(type, type == Entity.Type.SOME ? values : List.of());
    }

    /** Whether {@code --acls} was given (an authorizer exists). */
    public boolean configured() {
        return configured;
    }

    /** Top-level keys of the JSON that this runtime does not check (Mesos actions it has no use for, or typos). */
    public Set<String> ignoredKeys() {
        return ignoredKeys;
    }

    /** The action on an object named by {@code object}; null means any object. */
    public boolean authorized(Action action, String principal, String object) {
        return authorized(action, principal, object == null ? Entity.ANY : Entity.some(object));
    }

    /** The action on any object (the implicit objects of {@code view_flags}, {@code set_log_level}, ...). */
    public boolean authorized(Action action, String principal) {
        return authorized(action, principal, Entity.ANY);
    }

    public boolean authorized(Action action, String principal, Entity object) {
        if (!configured) {
            return true;
        }
        Entity subject = Entity.principal(principal);
        for (Rule rule : rules.getOrDefault(action, List.of())) {
            Entity acl = rule.objects;
            if (rule.recursive) {
                String parent = acl.values().get(0);
                if (object.type() != Entity.Type.SOME
                        || !object.values().get(0).startsWith(parent.substring(0, parent.length() - 1))) {
                    continue;
                }
                acl = Entity.ANY; // the role is below the ACL's parent: the rest is as for ANY
            }
            if (subject.matchedBy(rule.subjects) && object.matchedBy(acl)) {
                return subject.allowedBy(rule.subjects) && object.allowedBy(acl);
            }
        }
        return permissive;
    }

    /** REGISTER_FRAMEWORK: a framework may subscribe only if it may use every one of its roles. */
    public boolean mayRegister(String principal, Collection<String> roles) {
        if (roles.isEmpty()) {
            return !configured || permissive;
        }
        return roles.stream().allMatch(role -> authorized(Action.REGISTER_FRAMEWORK, principal, role));
    }
}
