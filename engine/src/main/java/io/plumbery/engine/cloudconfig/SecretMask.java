package io.plumbery.engine.cloudconfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hides what a cloud-config says that only the node should know: passwords ({@code passwd}, {@code hashed_passwd},
 * {@code plain_text_passwd}, {@code password}, the {@code chpasswd} list), private keys (an {@code ssh_keys} entry
 * named {@code ..._private}, any text holding a {@code PRIVATE KEY} block). Each becomes
 * {@value NodeCloudConfig#SECRET}; secrets from placeholders are masked when they are resolved ({@link ShownValues}).
 */
final class SecretMask {

    private static final Set<String> PASSWORDS = Set.of("passwd", "hashed_passwd", "plain_text_passwd", "password");

    private SecretMask() {
    }

    static Object mask(Object tree) {
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                boolean hidden = v != null && (PASSWORDS.contains(key) || key.endsWith("_private"));
                out.put(key, hidden ? NodeCloudConfig.SECRET : key.equals("chpasswd") ? maskChpasswd(v) : mask(v));
            });
            return Collections.unmodifiableMap(out);
        }
        if (tree instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(mask(item)));
            return Collections.unmodifiableList(out);
        }
        if (tree instanceof String text && text.contains("PRIVATE KEY")) {
            return NodeCloudConfig.SECRET;
        }
        return tree;
    }

    /** {@code chpasswd: {list: ...}} holds {@code user:password} lines. */
    private static Object maskChpasswd(Object chpasswd) {
        if (!(chpasswd instanceof Map<?, ?> map)) {
            return mask(chpasswd);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), "list".equals(k) && v != null ? NodeCloudConfig.SECRET : mask(v)));
        return Collections.unmodifiableMap(out);
    }
}
