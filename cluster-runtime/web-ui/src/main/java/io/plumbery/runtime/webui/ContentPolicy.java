package io.plumbery.runtime.webui;

import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The pages' Content-Security-Policy: their own files, this origin's APIs, and scripts from the few origins the page
 * reads by JSONP. A name that could carry another directive ({@code ;}, spaces, quotes) never reaches the header.
 */
final class ContentPolicy {
    private static final Pattern HOST_AND_PORT = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?:[0-9]{1,5}");
    private static final String REST = "connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    private ContentPolicy() {
    }

    static String of(ScriptSources sources) {
        String others = sources.hostsAndPorts().stream()
                .filter(s -> HOST_AND_PORT.matcher(s).matches())
                .distinct()
                .sorted()
                .map(s -> " " + s)
                .collect(Collectors.joining());
        return "default-src 'self'; script-src 'self'" + others + "; " + REST;
    }
}
