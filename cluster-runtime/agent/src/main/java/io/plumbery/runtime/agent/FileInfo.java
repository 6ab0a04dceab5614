package io.plumbery.runtime.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of a listing, Mesos's {@code FileInfo}: {@code path} is the virtual path asked for joined with the entry's
 * name, the rest is what stat(2) says of the file a symlink points to. {@code mtime} has whole seconds, as Mesos's.
 */
record FileInfo(String path, int nlink, long size, long mtimeSeconds, int mode, String uid, String gid) {
    private static final int S_IFMT = 0170000;
    private static final Map<Integer, Character> TYPES = Map.of(0040000, 'd', 0020000, 'c', 0060000, 'b',
            0010000, 'p', 0120000, 'l', 0140000, 's');

    /** stat of {@code file} (symlinks followed); empty when it cannot be had, e.g. a dangling symlink. */
    static Optional<FileInfo> stat(String virtualPath, Path file) {
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:mode,nlink,size,lastModifiedTime,owner,group");
            return Optional.of(new FileInfo(virtualPath, (Integer) a.get("nlink"), (Long) a.get("size"),
                    ((FileTime) a.get("lastModifiedTime")).toMillis() / 1000, (Integer) a.get("mode"),
                    ((UserPrincipal) a.get("owner")).getName(), ((UserPrincipal) a.get("group")).getName()));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** As {@code /files/browse} shows it: mtime in seconds, mode as {@code ls -l} writes it. */
    ObjectNode v0() {
        return Json.object().put("path", path).put("nlink", nlink).put("size", size).put("mtime", mtimeSeconds)
                .put("mode", modeString()).put("uid", uid).put("gid", gid);
    }

    /** As the v1 {@code LIST_FILES} answer has it: the protobuf message's fields. */
    ObjectNode v1() {
        ObjectNode o = Json.object().put("path", path).put("nlink", nlink).put("size", size);
        o.putObject("mtime").put("nanoseconds", mtimeSeconds * 1_000_000_000L);
        return o.put("mode", mode).put("uid", uid).put("gid", gid);
    }

    String modeString() {
        StringBuilder s = new StringBuilder().append(TYPES.getOrDefault(mode & S_IFMT, '-'));
        String rwx = "rwx";
        for (int bit = 8; bit >= 0; bit--) {
            s.append((mode & (1 << bit)) != 0 ? rwx.charAt((8 - bit) % 3) : '-');
        }
        return s.toString();
    }
}
