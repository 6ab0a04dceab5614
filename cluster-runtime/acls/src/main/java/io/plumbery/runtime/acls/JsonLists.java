package io.plumbery.runtime.acls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Iterator;
import java.util.function.Predicate;

/** How the view ACLs take objects out of state JSON: in place, keeping the order of what stays. */
public final class JsonLists {
    private JsonLists() {
    }

    /** Removes the elements of {@code list} that {@code keep} refuses; anything but an array is left as it is. */
    public static void retain(JsonNode list, Predicate<JsonNode> keep) {
        if (list instanceof ArrayNode array) {
            for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
                if (!keep.test(it.next())) {
                    it.remove();
                }
            }
        }
    }
}
