package io.plumbery.runtime.election;

/** {@code zk://host1:2181,host2:2181/mesos} split into a connect string and a znode path. */
public record ZkUrl(String connectString, String path) {

    public static ZkUrl parse(String url) {
        if (url == null || !url.startsWith("zk://")) {
            throw new IllegalArgumentException("Expected zk://host:port[,host:port...]/path, got: " + url);
        }
        String rest = url.substring("zk://".length());
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            rest = rest.substring(at + 1);
        }
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("Missing hosts or path in " + url);
        }
        String path = rest.substring(slash);
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new ZkUrl(rest.substring(0, slash), path);
    }

    public static boolean isZk(String url) {
        return url != null && url.startsWith("zk://");
    }
}
