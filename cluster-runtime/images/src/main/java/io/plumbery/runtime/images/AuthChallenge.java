package io.plumbery.runtime.images;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry's {@code WWW-Authenticate} answer to a 401: {@code Basic realm="..."} (a registry with htpasswd) or
 * {@code Bearer realm="https://auth/token",service="...",scope="..."} (a token server, as Docker Hub).
 */
record AuthChallenge(String scheme, Map<String, String> parameters) {
    private static final Pattern PARAMETER = Pattern.compile("([A-Za-z_]+)=(?:\"([^\"]*)\"|([^,\\s]*))");

    static Optional<AuthChallenge> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String h = header.strip();
        int space = h.indexOf(' ');
        String scheme = (space < 0 ? h : h.substring(0, space)).toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        if (space > 0) {
            Matcher m = PARAMETER.matcher(h.substring(space + 1));
            while (m.find()) {
                params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2) != null ? m.group(2) : m.group(3));
            }
        }
        return Optional.of(new AuthChallenge(scheme, Map.copyOf(params)));
    }

    boolean isBearer() {
        return "bearer".equals(scheme);
    }

    boolean isBasic() {
        return "basic".equals(scheme);
    }
}
