package io.plumbery.runtime.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.protocol.Json;

/**
 * v1 {@code LIST_FILES} and {@code READ_FILE}: the files endpoints' browse and read as agent calls, with the same
 * confinement and the same refusals. {@code data} is bytes in the protobuf, so base64 in JSON.
 */
final class FileCalls implements V1Calls {
    private final VirtualFiles files;

    FileCalls(VirtualFiles files) {
        this.files = files;
    }

    @Override
    public boolean answer(String type, JsonNode call, Exchange ex) {
        switch (type) {
            case "LIST_FILES" -> listFiles(call.path("list_files"), ex);
            case "READ_FILE" -> readFile(call.path("read_file"), ex);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void listFiles(JsonNode args, Exchange ex) {
        if (!args.path("path").isTextual()) {
            ex.text(400, "Expecting 'list_files.path' to be present");
            return;
        }
        try {
            ObjectNode out = Json.object().put("type", "LIST_FILES");
            ArrayNode infos = out.putObject("list_files").putArray("file_infos");
            files.browse(args.path("path").asText()).forEach(f -> infos.add(f.v1()));
            ex.json(200, out);
        } catch (FilesError e) {
            e.answer(ex);
        }
    }

    private void readFile(JsonNode args, Exchange ex) {
        if (!args.path("path").isTextual() || !args.path("offset").canConvertToLong()) {
            ex.text(400, "Expecting 'read_file.path' and 'read_file.offset' to be present");
            return;
        }
        Long length = args.path("length").canConvertToLong() ? args.path("length").asLong() : null;
        try {
            VirtualFiles.Chunk chunk = files.read(args.path("offset").asLong(), length, args.path("path").asText());
            ObjectNode out = Json.object().put("type", "READ_FILE");
            out.putObject("read_file").put("size", chunk.size()).put("data", chunk.data());
            ex.json(200, out);
        } catch (FilesError e) {
            e.answer(ex);
        }
    }
}
