package io.plumbery.runtime.protocol;

/** mesos.v1.Attribute. */
public record Attribute(String name, Values.Type type, Values.Scalar scalar, Values.Ranges ranges, Values.Set set,
                        Values.Text text) {

    /**
     * {@code docker:true} is what an agent whose Docker containerizer is on adds to its attributes, so that
     * frameworks (our Marathon) can send Docker tasks only to agents that run them: offers carry attributes,
     * not agent capabilities.
     */
    public static final Attribute DOCKER = text("docker", "true");

    public static Attribute text(String name, String value) {
        return new Attribute(name, Values.Type.TEXT, null, null, null, new Values.Text(value));
    }

    public static Attribute scalar(String name, double value) {
        return new Attribute(name, Values.Type.SCALAR, new Values.Scalar(value), null, null, null);
    }

    /** The value as Mesos's v0 JSON renders it (text as string, scalar as number). */
    public Object plainValue() {
        if (type == Values.Type.SCALAR && scalar != null) {
            return scalar.value();
        }
        if (type == Values.Type.TEXT && text != null) {
            return text.value();
        }
        if (type == Values.Type.SET && set != null) {
            return "{" + String.join(",", set.item()) + "}";
        }
        return String.valueOf(ranges);
    }
}
