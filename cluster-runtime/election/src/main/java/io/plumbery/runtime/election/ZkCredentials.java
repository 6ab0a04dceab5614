package io.plumbery.runtime.election;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * ZooKeeper's digest identity {@code user:password}, from the userinfo of a {@code zk://} URL. Its
 * {@link #toString()} never shows the password.
 */
public record ZkCredentials(String user, String password) {
    static final String MASK = "****";

    /** ZooKeeper's own authentication scheme for user:password identities. */
    public static final String SCHEME = "digest";

    static Optional<ZkCredentials> parse(String userinfo) {
        int colon = userinfo.indexOf(':');
        if (colon <= 0 || colon == userinfo.length() - 1) {
            throw new IllegalArgumentException("ZooKeeper credentials must be user:password, got a value for user '"
                    + (colon <= 0 ? "" : userinfo.substring(0, colon)) + "'");
        }
        return Optional.of(new ZkCredentials(userinfo.substring(0, colon), userinfo.substring(colon + 1)));
    }

    /** What the client sends to authenticate ({@code addauth digest user:password}). */
    public byte[] auth() {
        return (user + ":" + password).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return user + ":" + MASK;
    }
}
