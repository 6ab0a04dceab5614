package io.plumbery.fittings.load;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "did you mean" for misspelt keys and names. */
final class Suggestions {

    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private Suggestions() {
    }

    /** The closest candidate, if it is close enough to be a likely typo. */
    static Optional<String> closest(String typed, Collection<String> candidates) {
        String lower = typed.toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, Math.min(3, typed.length() / 3));
        return candidates.stream()
                .filter(c -> c.toLowerCase(Locale.ROOT).equals(lower)
                        || DISTANCE.apply(c.toLowerCase(Locale.ROOT), lower) <= allowed)
                .min(Comparator.comparingInt(c -> DISTANCE.apply(c.toLowerCase(Locale.ROOT), lower)));
    }

    /** {@code " (did you mean 'cpu'?)"} or the empty string. */
    static String hint(String typed, Collection<String> candidates) {
        return closest(typed, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }
}
