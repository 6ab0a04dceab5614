package io.plumbery.runtime.marathon.core;

import io.plumbery.runtime.marathon.model.AppDefinition;

/**
 * A deployment of one app: from {@code original} (null when created) to {@code target} (null when deleted).
 * {@code action} is Marathon's: StartApplication, ScaleApplication, RestartApplication, StopApplication.
 */
public record Deployment(String id, String version, String appId, String action, AppDefinition original,
                         AppDefinition target) {
}
