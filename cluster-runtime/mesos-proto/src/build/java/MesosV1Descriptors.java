import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.mesos.protobuf.DescriptorProtos.FileDescriptorSet;
import org.apache.mesos.protobuf.Descriptors.FileDescriptor;

/**
 * Writes the descriptors of Mesos's v1 API .proto files, as Mesos's own Java jar carries them compiled in, to one
 * FileDescriptorSet that protoc generates our classes from. Mesos publishes no .proto files to Maven Central
 * (MESOS-9095), but its jar embeds each file's full descriptor: messages, fields, enums and file options.
 * Run at build time in Java's source-file mode, with only Mesos's shaded jar on the class path.
 */
public final class MesosV1Descriptors {
    private static final String[] ROOTS = {
        "org.apache.mesos.v1.scheduler.Protos",
        "org.apache.mesos.v1.executor.Protos",
        "org.apache.mesos.v1.master.Protos",
        "org.apache.mesos.v1.agent.Protos",
    };

    public static void main(String[] args) throws ReflectiveOperationException, IOException {
        Map<String, FileDescriptor> files = new LinkedHashMap<>();
        for (String root : ROOTS) {
            add((FileDescriptor) Class.forName(root).getMethod("getDescriptor").invoke(null), files);
        }
        FileDescriptorSet.Builder set = FileDescriptorSet.newBuilder();
        files.values().forEach(file -> set.addFile(file.toProto()));
        Path out = Path.of(args[0]);
        Files.createDirectories(out.getParent());
        try (OutputStream stream = Files.newOutputStream(out)) {
            set.build().writeTo(stream);
        }
    }

    /** Dependencies first, as protoc reads a descriptor set. */
    private static void add(FileDescriptor file, Map<String, FileDescriptor> files) {
        if (files.containsKey(file.getName())) {
            return;
        }
        file.getDependencies().forEach(dependency -> add(dependency, files));
        files.put(file.getName(), file);
    }
}
