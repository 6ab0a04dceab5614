package io.plumbery.runtime.marathon.api;

import io.plumbery.runtime.http.BasicAuth;

/** Marathon's one realm: every route of its API but {@code /ping} (the page and its files are served before it). */
public record MarathonRealms(String realm) implements BasicAuth.Realms {
    @Override
    public String of(String method, String path) {
        return path.equals("/ping") ? null : realm;
    }
}
