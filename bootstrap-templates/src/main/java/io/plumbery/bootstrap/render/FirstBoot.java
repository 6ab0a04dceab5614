package io.plumbery.bootstrap.render;

import io.plumbery.node.ssh.SshIdentity;

import java.util.Map;

/**
 * The user-data a node boots with, from {@code first-boot.yaml.ftl}: its host name and the plan's login user
 * with the plan's key and password-less sudo, enough to be reached over SSH. The engine renders it for every
 * node it asks a provider to create; the plan's own cloud-config needs the addresses of other nodes, which
 * exist only after build, so polish renders and applies the rest then.
 */
public final class FirstBoot {
    private static final TemplateRenderer TEMPLATES = new TemplateRenderer();

    private FirstBoot() {
    }

    public static String userData(String plan, String node, SshIdentity login) {
        return TEMPLATES.render("first-boot.yaml.ftl", Map.of("plan", Map.of("name", plan),
                "node", Map.of("name", node), "login", loginModel(login)));
    }

    /** What the templates call {@code login}: the user that the plan's key lets in. */
    static Map<String, Object> loginModel(SshIdentity login) {
        return Map.of("user", login.user(), "publicKey", login.publicKey());
    }
}
