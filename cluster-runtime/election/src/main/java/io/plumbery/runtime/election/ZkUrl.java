package io.plumbery.runtime.election;

import java.util.Optional;

/**
 * {@code zk://[user:password@]host1:2181,host2:2181/mesos} split into a connect string, a znode path and the digest
 * credentials, if any. The flag value may also be {@code file:///path} holding such a URL ({@link FlagFile}), as
 * Mesos's {@code --zk} accepts. {@link #toString()} and every message show the password as {@code ****}.
 */
public record ZkUrl(String connectString, String path, Optional<ZkCredentials> credentials) {
    private static final String SCHEME = "zk://";

    public ZkUrl(String connectString, String path) {
        this(connectString, path, Optional.empty());
    }

    /** Parses a {@code zk://} URL, or the one in the file a {@code file://} value names. */
    public static ZkUrl parse(String value) {
        String url = FlagFile.resolve(value);
        if (url == null || !url.startsWith(SCHEME)) {
            throw new IllegalArgumentException("Expected zk://[user:password@]host:port[,host:port...]/path, got: "
                    + mask(url));
        }
        String rest = url.substring(SCHEME.length());
        Optional<ZkCredentials> credentials = Optional.empty();
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            credentials = ZkCredentials.parse(rest.substring(0, at));
            rest = rest.substring(at + 1);
        }
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("Missing hosts or path in " + mask(url));
        }
        String path = rest.substring(slash);
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new ZkUrl(rest.substring(0, slash), path, credentials);
    }

    /** Whether the value, or the content of the file a {@code file://} value names, is a {@code zk://} URL. */
    public static boolean isZk(String value) {
        String url = FlagFile.resolve(value);
        return url != null && url.startsWith(SCHEME);
    }

    /**
     * The value as flags and logs may show it: a {@code zk://} URL's password as {@code ****}; anything else (a
     * {@code file://} path, {@code host:port}) as it is.
     */
    public static String mask(String value) {
        if (value == null || !value.startsWith(SCHEME)) {
            return value;
        }
        String rest = value.substring(SCHEME.length());
        int at = rest.lastIndexOf('@');
        if (at < 0) {
            return value;
        }
        int colon = rest.indexOf(':');
        String user = colon >= 0 && colon < at ? rest.substring(0, colon) : rest.substring(0, at);
        return SCHEME + user + ":" + ZkCredentials.MASK + rest.substring(at);
    }

    @Override
    public String toString() {
        return SCHEME + credentials.map(c -> c + "@").orElse("") + connectString + path;
    }
}
