package io.plumbery.providers.jclouds;

import io.plumbery.providers.ProviderException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jclouds.compute.domain.Image;
import org.jclouds.compute.domain.OperatingSystem;

/**
 * Maps a plan's {@code appliance} text ({@code 'Ubuntu 14'}, {@code 'CentOS 7'},
 * {@code 'RedHat 6 64-bit 4 CPU'}) to one of the provider's images.
 *
 * <p>Every word must be found in the image's id, name, description or operating system; a number must match a
 * version or a version prefix ({@code 14} matches {@code 14.04}). {@code 32-bit}/{@code 64-bit} select the
 * architecture, {@code N CPU} is ignored (hardware comes from the node's cpu). Among several matches the 64-bit one
 * with the highest version wins. With none, the error lists the closest images.
 */
final class ImageMatcher {

    private static final Pattern BITS = Pattern.compile("\\b(32|64)[- ]?bits?\\b");
    private static final Pattern CPUS = Pattern.compile("\\b\\d+\\s*cpus?\\b");
    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)*");
    private static final Map<String, String> ALIASES = Map.of("redhat", "rhel", "red", "rhel", "win2012", "windows",
            "win2016", "windows", "win2019", "windows", "std", "standard");

    private ImageMatcher() {
    }

    static Image match(String appliance, List<? extends Image> images, String provider) throws ProviderException {
        String text = appliance == null ? "" : appliance.toLowerCase(Locale.ROOT);
        Optional<Boolean> wants64 = Optional.empty();
        Matcher bits = BITS.matcher(text);
        if (bits.find()) {
            wants64 = Optional.of("64".equals(bits.group(1)));
        }
        text = CPUS.matcher(BITS.matcher(text).replaceAll(" ")).replaceAll(" ");
        List<String> words = words(text);
        if (words.isEmpty()) {
            throw new ProviderException("node needs an appliance (an image) on " + provider + "; available: "
                    + describe(images.stream().limit(8).toList()));
        }
        for (Image image : images) { // an exact image id wins
            if (image.getId().equalsIgnoreCase(appliance.trim())) {
                return image;
            }
        }
        Optional<Boolean> arch = wants64;
        List<Image> matches = images.stream()
                .filter(image -> arch.isEmpty() || is64Bit(image) == arch.get())
                .filter(image -> words.stream().allMatch(word -> contains(image, word)))
                .map(Image.class::cast)
                .collect(Collectors.toList());
        if (!matches.isEmpty()) {
            return best(matches);
        }
        List<Image> close = images.stream().map(Image.class::cast)
                .sorted(Comparator.comparingDouble((Image image) -> -closeness(image, words))
                        .thenComparing(Image::getId))
                .limit(5).toList();
        throw new ProviderException("no image on " + provider + " matches appliance '" + appliance + "'; closest: "
                + describe(close) + " (set the appliance to one of these, or option " + JcloudsOptions.IMAGE
                + " to an image id)");
    }

    private static Image best(List<Image> matches) {
        Image best = matches.get(0);
        for (Image image : matches) {
            int byArch = Boolean.compare(is64Bit(image), is64Bit(best));
            int byVersion = compareVersions(version(image), version(best));
            if (byArch > 0 || (byArch == 0 && byVersion > 0)
                    || (byArch == 0 && byVersion == 0 && image.getId().compareTo(best.getId()) < 0)) {
                best = image;
            }
        }
        return best;
    }

    static String describe(List<? extends Image> images) {
        return images.stream().map(image -> {
            OperatingSystem os = image.getOperatingSystem();
            String what = image.getDescription() != null ? image.getDescription() : image.getName();
            String osText = os == null ? "" : ", " + lower(os.getFamily()) + " " + nullToEmpty(os.getVersion())
                    + (os.is64Bit() ? " 64-bit" : " 32-bit");
            return image.getId() + " (" + what + osText + ")";
        }).collect(Collectors.joining(", "));
    }

    private static boolean contains(Image image, String word) {
        String alias = ALIASES.getOrDefault(word, word);
        if (VERSION.matcher(word).matches()) {
            String version = version(image);
            return version.equals(word) || version.startsWith(word + ".")
                    || words(haystack(image).substring(image.getId().length())).stream()
                            .anyMatch(w -> w.equals(word) || w.startsWith(word + "."));
        }
        String haystack = haystack(image);
        return haystack.contains(word) || haystack.contains(alias);
    }

    /** Words found, plus how close the best word comes for each word not found (edit distance). */
    private static double closeness(Image image, List<String> words) {
        List<String> hay = words(haystack(image));
        double score = 0;
        for (String word : words) {
            if (contains(image, word)) {
                score += 1;
                continue;
            }
            double best = 0;
            for (String candidate : hay) {
                int max = Math.max(word.length(), candidate.length());
                best = Math.max(best, 1.0 - (double) levenshtein(word, candidate) / max);
            }
            score += best * 0.9;
        }
        return score + (is64Bit(image) ? 0.01 : 0);
    }

    private static String haystack(Image image) {
        List<String> parts = new ArrayList<>(List.of(image.getId(), nullToEmpty(image.getName()),
                nullToEmpty(image.getDescription())));
        OperatingSystem os = image.getOperatingSystem();
        if (os != null) {
            parts.addAll(List.of(lower(os.getFamily()), nullToEmpty(os.getName()), nullToEmpty(os.getVersion()),
                    nullToEmpty(os.getDescription()), nullToEmpty(os.getArch())));
        }
        return String.join(" ", parts).toLowerCase(Locale.ROOT);
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z0-9.]+")) {
            String trimmed = word.replaceAll("^\\.+|\\.+$", "");
            if (!trimmed.isEmpty()) {
                words.add(trimmed);
            }
        }
        return words;
    }

    private static boolean is64Bit(Image image) {
        return image.getOperatingSystem() == null || image.getOperatingSystem().is64Bit();
    }

    private static String version(Image image) {
        return image.getOperatingSystem() == null ? "" : nullToEmpty(image.getOperatingSystem().getVersion());
    }

    static int compareVersions(String a, String b) {
        String[] left = a.split("\\D+");
        String[] right = b.split("\\D+");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            long l = i < left.length && !left[i].isEmpty() ? Long.parseLong(left[i]) : -1;
            long r = i < right.length && !right[i].isEmpty() ? Long.parseLong(right[i]) : -1;
            if (l != r) {
                return Long.compare(l, r);
            }
        }
        return 0;
    }

    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String lower(Object value) {
        return value == null ? "" : value.toString().toLowerCase(Locale.ROOT);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
