package io.plumbery.runtime.webui;

import java.util.List;

/**
 * Other origins a page may load scripts from, asked on each load: the Mesos page reads agents by JSONP, as the Mesos
 * UI does, so its policy names the agents the master knows at that moment ({@code host:port}) and no others.
 */
@FunctionalInterface
public interface ScriptSources {
    ScriptSources NONE = List::of;

    /** {@code host:port} of each origin; entries that are not a plain host and port are left out of the policy. */
    List<String> hostsAndPorts();
}
