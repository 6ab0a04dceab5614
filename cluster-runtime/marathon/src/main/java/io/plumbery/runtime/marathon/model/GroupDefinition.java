package io.plumbery.runtime.marathon.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * A group's own fields, as stored: its id, the absolute ids it depends on (every app in it starts after every app
 * of each of them) and the version of the last change that put it. Its apps are stored as apps; a group with
 * neither apps nor such a definition exists only while something below it does.
 */
public record GroupDefinition(String id, List<String> dependencies, String version) {
    public GroupDefinition {
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }

    @JsonIgnore
    public PathId pathId() {
        return PathId.parse(id);
    }

    public GroupDefinition withVersion(String newVersion) {
        return new GroupDefinition(id, dependencies, newVersion);
    }
}
