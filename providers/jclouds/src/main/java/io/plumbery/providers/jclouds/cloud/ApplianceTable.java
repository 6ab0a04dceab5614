package io.plumbery.providers.jclouds.cloud;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A cloud's images for the plan's {@code appliance} names ("Debian 12", "Ubuntu 22.04"), looked up whatever their
 * case and spacing ({@code debian 12}, {@code Debian  12}).
 *
 * @param <T> the cloud's own description of an image
 */
public final class ApplianceTable<T> {

    private final Map<String, T> table = new LinkedHashMap<>();
    private final List<String> names;

    public ApplianceTable(Function<T, String> appliance, List<T> images) {
        images.forEach(image -> table.put(key(appliance.apply(image)), image));
        names = images.stream().map(appliance).toList();
    }

    public Optional<T> lookup(String appliance) {
        return appliance == null ? Optional.empty() : Optional.ofNullable(table.get(key(appliance)));
    }

    public List<T> images() {
        return List.copyOf(table.values());
    }

    /** The appliances of the table, as a list for people: {@code Debian 12, Ubuntu 22.04}. */
    public String names() {
        return String.join(", ", names);
    }

    private static String key(String appliance) {
        return appliance.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
