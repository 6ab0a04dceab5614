package io.plumbery.fittings;

import io.plumbery.fittings.placeholder.Lookup;
import io.plumbery.fittings.placeholder.Placeholders;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaceholdersTest {

    /** master1 is built, master2 is not yet. */
    static final Lookup AFTER_BUILD = (scope, attribute) -> switch (scope + "." + attribute) {
        case "master1.private", "node.private" -> Optional.of("10.77.9.11");
        case "node.name" -> Optional.of("master1");
        case "db.secret" -> Optional.of("s3cr3t");
        default -> Optional.empty();
    };

    @Test
    void resolvesWhatExistsAndListsWhatDoesNot() {
        List<String> missing = new ArrayList<>();
        String text = Placeholders.resolve(
                "{{ node.name }} at {{node.private}}, peer {{ master2.private }}, pw {{ db.secret }}, {{ playbook_dir }}",
                AFTER_BUILD, missing);
        assertEquals("master1 at 10.77.9.11, peer {{ master2.private }}, pw s3cr3t, {{ playbook_dir }}", text);
        assertEquals(List.of("{{ master2.private }}"), missing);
    }

    @Test
    void resolvesWholeCloudConfigTrees() {
        List<String> missing = new ArrayList<>();
        Object tree = Placeholders.resolveTree(Map.of("write_files", List.of(Map.of("content", "{{ master1.private }}"))),
                AFTER_BUILD, missing);
        assertEquals(Map.of("write_files", List.of(Map.of("content", "10.77.9.11"))), tree);
        assertTrue(missing.isEmpty());
    }

    @Test
    void checksNamesAgainstThePlan() {
        Set<String> nodes = Set.of("master1", "agent1");
        assertEquals(Optional.empty(), Placeholders.check("master1", "private", nodes));
        assertEquals(Optional.empty(), Placeholders.check("mysql_root", "secret", nodes));
        assertEquals(Optional.empty(), Placeholders.check("rsa_public", "key", nodes));
        assertEquals(Optional.of("unknown placeholder {{ agent2.private }}: no node, parameter or secret is named "
                + "'agent2' (did you mean 'agent1'?)"), Placeholders.check("agent2", "private", nodes));
        assertEquals(Optional.of("unknown placeholder {{ master1.address }}: 'master1' has ipv4, ipv6, name, private, "
                + "public, not 'address'"), Placeholders.check("master1", "address", nodes));
    }
}
