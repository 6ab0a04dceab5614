package io.plumbery.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.http.HttpServer;
import io.plumbery.runtime.http.Router;
import io.plumbery.runtime.protocol.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files endpoints and the v1 file calls over real HTTP, on a sandbox of a temporary directory. */
class FilesEndpointsTest {
    @TempDir
    Path dir;
    private Path sandbox;
    private HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() throws Exception {
        sandbox = Files.createDirectories(dir.resolve("runs/r1"));
        Files.writeString(sandbox.resolve("stdout"), "line \"one\"\nline two\n");
        Files.writeString(dir.resolve("secret"), "do not serve");
        VirtualFiles files = new VirtualFiles(() -> Map.of("/frameworks/F/executors/E/runs/latest", sandbox));
        Router router = new Router();
        new FilesEndpoints(files).register(router);
        FileCalls calls = new FileCalls(files);
        router.route(ex -> {
            JsonNode call = Json.parse(ex.body());
            if (!calls.answer(call.path("type").asText(), call, ex)) {
                ex.text(400, "unsupported");
            }
        }, "/api/v1");
        server = new HttpServer("files-test", "127.0.0.1", 0, router);
        server.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    @Test
    void offsetMinusOneAnswersTheSizeThenChunksPageTheFile() throws Exception {
        String stdout = "/frameworks/F/executors/E/runs/latest/stdout";

        assertThat(get("/files/read?offset=-1&path=" + enc(stdout)).body()).isEqualTo("{\"data\":\"\",\"offset\":20}");
        assertThat(get("/files/read?path=" + enc(stdout)).body()).isEqualTo("{\"data\":\"\",\"offset\":20}");
        HttpResponse<String> first = get("/files/read?offset=0&length=12&path=" + enc(stdout));
        assertThat(first.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(Json.parse(first.body()).path("data").asText()).isEqualTo("line \"one\"\nl");
        assertThat(Json.parse(get("/files/read?offset=12&length=100&path=" + enc(stdout)).body()))
                .isEqualTo(Json.parse("{\"data\":\"ine two\\n\",\"offset\":12}"));
    }

    @Test
    void jsonpWrapsTheAnswerInTheCallback() throws Exception {
        HttpResponse<String> r = get("/files/read?jsonp=cb&offset=-1&path="
                + enc("/frameworks/F/executors/E/runs/latest/stdout"));

        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/javascript");
        assertThat(r.body()).isEqualTo("cb({\"data\":\"\",\"offset\":20})");
    }

    @Test
    void browseListsTheSandboxAndDownloadSendsTheFileAsAnAttachment() throws Exception {
        JsonNode listing = Json.parse(get("/files/browse?path=" + enc("/frameworks/F/executors/E/runs/latest")).body());
        assertThat(listing.get(0).path("path").asText()).isEqualTo("/frameworks/F/executors/E/runs/latest/stdout");
        assertThat(listing.get(0).path("size").asLong()).isEqualTo(20);
        assertThat(listing.get(0).path("mode").asText()).startsWith("-rw");

        HttpResponse<String> download = get("/files/download?path=" + enc("/frameworks/F/executors/E/runs/latest/stdout"));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=stdout");
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(download.body()).isEqualTo("line \"one\"\nline two\n");
    }

    @Test
    void escapesAreRefusedAndNeverServed() throws Exception {
        String out = "/frameworks/F/executors/E/runs/latest/../../secret";
        for (String endpoint : new String[] {"read", "browse", "download"}) {
            HttpResponse<String> r = get("/files/" + endpoint + "?offset=0&path=" + enc(out));
            assertThat(r.statusCode()).as(endpoint).isEqualTo(400);
            assertThat(r.body()).as(endpoint).contains("is inaccessible").doesNotContain("do not serve");
            HttpResponse<String> absolute = get("/files/" + endpoint + "?offset=0&path=" + enc(dir + "/secret"));
            assertThat(absolute.statusCode()).as(endpoint).isEqualTo(404);
            assertThat(absolute.body()).doesNotContain("do not serve");
        }
    }

    @Test
    void badQueriesAreBadRequestsInMesossWords() throws Exception {
        assertThat(get("/files/read?offset=0").body()).isEqualTo("Expecting 'path=value' in query.\n");
        assertThat(get("/files/read?offset=-2&path=/x").body()).isEqualTo("Negative offset provided: -2.\n");
        assertThat(get("/files/read?offset=abc&path=/x").statusCode()).isEqualTo(400);
        assertThat(get("/files/download?path=" + enc("/frameworks/F/executors/E/runs/latest")).body())
                .isEqualTo("Cannot download a directory.\n");
    }

    @Test
    void debugShowsTheAttachments() throws Exception {
        assertThat(Json.parse(get("/files/debug").body()).path("/frameworks/F/executors/E/runs/latest").asText())
                .isEqualTo(sandbox.toString());
    }

    @Test
    void v1ReadFileAndListFilesAnswerAsTheEndpointsDoAndRefuseTheSameEscapes() throws Exception {
        JsonNode read = Json.parse(post("{\"type\":\"READ_FILE\",\"read_file\":{\"path\":"
                + "\"/frameworks/F/executors/E/runs/latest/stdout\",\"offset\":5,\"length\":5}}").body());
        assertThat(read.path("read_file").path("size").asLong()).isEqualTo(20);
        assertThat(new String(Base64.getDecoder().decode(read.path("read_file").path("data").asText()),
                StandardCharsets.UTF_8)).isEqualTo("\"one\"");

        JsonNode list = Json.parse(post("{\"type\":\"LIST_FILES\",\"list_files\":{\"path\":"
                + "\"/frameworks/F/executors/E/runs/latest\"}}").body());
        assertThat(list.path("list_files").path("file_infos").get(0).path("path").asText()).endsWith("/stdout");

        HttpResponse<String> escape = post("{\"type\":\"READ_FILE\",\"read_file\":{\"path\":"
                + "\"/frameworks/F/executors/E/runs/latest/../../secret\",\"offset\":0}}");
        assertThat(escape.statusCode()).isEqualTo(400);
        assertThat(escape.body()).doesNotContain("do not serve");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
