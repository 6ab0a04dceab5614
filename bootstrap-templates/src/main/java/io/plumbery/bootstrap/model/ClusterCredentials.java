package io.plumbery.bootstrap.model;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The credentials of a deployed cluster, one set per plan: the Mesos principals {@code admin} (people: operator
 * API, read-only endpoints, Marathon's and Chronos's REST APIs), {@code marathon} and {@code chronos} (the frameworks),
 * {@code agent} (agents toward the master) and {@code dns} (Mesos-DNS reading the master), and the ZooKeeper identity {@code plumbery} that every
 * service of the cluster shares. Its {@link #toString} never shows a secret, so it may travel through messages.
 */
public record ClusterCredentials(String admin, String marathon, String chronos, String agent, String dns,
                                 String zookeeper) {

    public static final String ADMIN = "admin";
    public static final String MARATHON = "marathon";
    public static final String CHRONOS = "chronos";
    public static final String AGENT = "agent";
    public static final String DNS = "dns";
    public static final String ZOOKEEPER = "plumbery";

    /**
     * What a secret may be made of: it goes into JSON files, a {@code zk://user:secret@} URL and Marathon's
     * {@code user:password}, so nothing that any of them would have to escape.
     */
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9._~-]{16,128}");

    /** One principal and its secret. */
    public record Principal(String name, String secret) {
        @Override
        public String toString() {
            return name + ":(secret)";
        }
    }

    public ClusterCredentials {
        check(ADMIN, admin);
        check(MARATHON, marathon);
        check(CHRONOS, chronos);
        check(AGENT, agent);
        check(DNS, dns);
        check(ZOOKEEPER, zookeeper);
    }

    private static void check(String principal, String secret) {
        Objects.requireNonNull(secret, "secret of " + principal);
        if (!SECRET.matcher(secret).matches()) {
            throw new IllegalArgumentException("the secret of " + principal
                    + " must be 16 to 128 letters, digits or ._~-");
        }
    }

    /** The Mesos principals, as the master's {@code --credentials} file lists them. */
    public List<Principal> mesosPrincipals() {
        return List.of(new Principal(ADMIN, admin), new Principal(MARATHON, marathon), new Principal(CHRONOS, chronos),
                new Principal(AGENT, agent), new Principal(DNS, dns));
    }

    /** Every principal, the ZooKeeper identity last: what {@code information --credentials} shows. */
    public List<Principal> all() {
        return java.util.stream.Stream.concat(mesosPrincipals().stream(),
                java.util.stream.Stream.of(new Principal(ZOOKEEPER, zookeeper))).toList();
    }

    public Principal adminPrincipal() {
        return new Principal(ADMIN, admin);
    }

    /** {@code zk://plumbery:SECRET@ensemble/path}: ZooKeeper digest authentication, as Mesos reads it. */
    public String zookeeperUrl(String ensemble, String path) {
        return "zk://" + ZOOKEEPER + ":" + zookeeper + "@" + ensemble + path;
    }

    @Override
    public String toString() {
        return "ClusterCredentials" + all();
    }
}
