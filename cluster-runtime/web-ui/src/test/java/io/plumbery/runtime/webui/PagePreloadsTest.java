package io.plumbery.runtime.webui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each page names every module it imports, directly or not, as a modulepreload: the browser then fetches them all at
 * once instead of one import level after the other, which keeps a page's load under a second.
 */
class PagePreloadsTest {
    private static final Pattern IMPORT = Pattern.compile("from '(\\.[^']+)'");
    private static final Pattern PRELOAD = Pattern.compile("<link rel=\"modulepreload\" href=\"/ui/([^\"]+)\">");
    private static final Pattern ENTRY = Pattern.compile("<script type=\"module\" src=\"/ui/([^\"]+)\">");

    @ParameterizedTest
    @EnumSource(Page.class)
    void preloadsExactlyTheModulesItImports(Page page) throws IOException {
        String html = read(page.file());
        Matcher entry = ENTRY.matcher(html);
        assertThat(entry.find()).isTrue();
        Set<String> imported = imports(entry.group(1));
        imported.remove(entry.group(1));
        Set<String> preloaded = new TreeSet<>();
        PRELOAD.matcher(html).results().forEach(m -> preloaded.add(m.group(1)));
        assertThat(preloaded).isEqualTo(imported);
    }

    private static Set<String> imports(String entry) throws IOException {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(Set.of(entry));
        while (!todo.isEmpty()) {
            String module = todo.pop();
            if (seen.add(module)) {
                Path dir = Path.of(module).getParent();
                IMPORT.matcher(read(module)).results()
                        .forEach(m -> todo.push(dir.resolve(m.group(1)).normalize().toString()));
            }
        }
        return seen;
    }

    private static String read(String path) throws IOException {
        try (InputStream in = PagePreloadsTest.class.getClassLoader().getResourceAsStream("webui/" + path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
