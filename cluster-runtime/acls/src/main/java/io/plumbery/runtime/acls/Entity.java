package io.plumbery.runtime.acls;

import java.util.List;

/**
 * Mesos's {@code ACL.Entity}: some named values, anyone/anything ({@code ANY}) or no one/nothing ({@code NONE}). A
 * request's subject and object are entities too: a principal is {@code SOME}, an unauthenticated caller {@code ANY}.
 */
public record Entity(Type type, List<String> values) {
    public enum Type { SOME, ANY, NONE }

    public static final Entity ANY = new Entity(Type.ANY, List.of());
    public static final Entity NONE = new Entity(Type.NONE, List.of());

    public Entity {
        values = List.copyOf(values);
    }

    public static Entity some(String... values) {
        return new Entity(Type.SOME, List.of(values));
    }

    /** A request's subject: the principal, or {@code ANY} when the caller did not authenticate. */
    public static Entity principal(String principal) {
        return principal == null ? ANY : some(principal);
    }

    /**
     * Whether an ACL with this entity applies to the request's entity (Mesos's match matrix): an ACL of {@code ANY}
     * or {@code NONE} applies to every request but a {@code NONE} one; {@code SOME} applies when the request's
     * values are among the ACL's.
     */
    boolean matchedBy(Entity acl) {
        return switch (type) {
            case NONE -> acl.type == Type.NONE;
            case ANY -> acl.type != Type.SOME;
            case SOME -> acl.type != Type.SOME || acl.values.containsAll(values);
        };
    }

    /** Whether an ACL that applies also grants (Mesos's allow matrix): {@code NONE} in an ACL denies. */
    boolean allowedBy(Entity acl) {
        return switch (type) {
            case NONE -> acl.type == Type.NONE;
            case ANY -> acl.type == Type.ANY;
            case SOME -> acl.type == Type.ANY || acl.type == Type.SOME && acl.values.containsAll(values);
        };
    }
}
