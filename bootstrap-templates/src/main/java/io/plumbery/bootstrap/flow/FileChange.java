package io.plumbery.bootstrap.flow;

/** Whether one file on a node was written ({@code changed}) or already had the same SHA-256. */
public record FileChange(String path, boolean changed) {
}
