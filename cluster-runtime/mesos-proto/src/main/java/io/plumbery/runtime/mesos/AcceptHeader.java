package io.plumbery.runtime.mesos;

import java.util.Locale;

/**
 * Whether an {@code Accept} header allows a media type, as libprocess decides it: no header allows everything;
 * otherwise {@code type/subtype}, then {@code type/*}, then {@code *}{@code /*} is looked for, and the first range that
 * names it decides (a {@code q} that is not a number above 0 refuses).
 */
final class AcceptHeader {
    private AcceptHeader() {
    }

    static boolean allows(String header, String mediaType) {
        if (header == null) {
            return true;
        }
        String ranges = header.replaceAll("[ \t\n]", "").toLowerCase(Locale.ROOT);
        String type = mediaType.substring(0, mediaType.indexOf('/'));
        for (String candidate : new String[] {mediaType, type + "/*", "*/*"}) {
            for (String range : ranges.split(",")) {
                String[] parts = range.split(";");
                if (parts[0].equals(candidate)) {
                    return allowedByQuality(parts);
                }
            }
        }
        return false;
    }

    /** No {@code q} allows; a {@code q} allows when it is a number above 0. */
    private static boolean allowedByQuality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].startsWith("q=")) {
                try {
                    return Double.parseDouble(parts[i].substring(2)) > 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
