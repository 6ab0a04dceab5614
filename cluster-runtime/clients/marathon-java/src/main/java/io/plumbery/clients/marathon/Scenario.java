package io.plumbery.clients.marathon;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import mesosphere.marathon.client.Marathon;
import mesosphere.marathon.client.MarathonClient;
import mesosphere.marathon.client.MarathonException;
import mesosphere.marathon.client.model.v2.App;
import mesosphere.marathon.client.model.v2.GetServerInfoResponse;
import mesosphere.marathon.client.model.v2.Result;
import mesosphere.marathon.client.model.v2.Task;
import mesosphere.marathon.client.model.v2.VersionedApp;

/**
 * One app's life through marathon-client 0.6.3, unchanged: create it with a shell command, see its task run, scale
 * it to two, list apps and tasks, read the server's info, delete it. With a Mesos master URL, each step is also
 * checked against the master's {@code /master/state}.
 *
 * <pre>java -cp target/classes:$(cat target/client.classpath) io.plumbery.clients.marathon.Scenario
 *     http://MARATHON:8080 [http://MASTER:5050] [APP_ID]</pre>
 *
 * Prints one line per step done; exits 1 with the step that failed.
 */
public final class Scenario {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private final Marathon marathon;
    private final String masterUrl;
    private final String appId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /**
     * With {@code MARATHON_USER} and {@code MARATHON_PASSWORD} in the environment, the client authenticates through its
     * own {@code getInstanceWithBasicAuth}; with {@code MESOS_PRINCIPAL} and {@code MESOS_SECRET}, the master's state
     * is read with them.
     */
    Scenario(String marathonUrl, String masterUrl, String appId) {
        String user = System.getenv("MARATHON_USER");
        this.marathon = user == null ? MarathonClient.getInstance(marathonUrl)
                : MarathonClient.getInstanceWithBasicAuth(marathonUrl, user, System.getenv("MARATHON_PASSWORD"));
        this.masterUrl = masterUrl;
        this.appId = appId;
    }

    /** A request to the master, with Basic authentication when the environment holds a principal. */
    private static HttpRequest.Builder toMaster(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        String principal = System.getenv("MESOS_PRINCIPAL");
        if (principal != null) {
            String pair = principal + ":" + System.getenv("MESOS_SECRET");
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    pair.getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: Scenario MARATHON_URL [MASTER_URL] [APP_ID]");
            System.exit(2);
        }
        String master = args.length > 1 && !args[1].isEmpty() ? args[1] : null;
        String app = args.length > 2 ? args[2] : "/clients/marathon-java";
        try {
            new Scenario(args[0], master, app).run();
            System.out.println("scenario passed");
        } catch (Exception | AssertionError e) {
            System.out.println("scenario failed: " + e);
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }

    void run() throws Exception {
        App app = new App();
        app.setId(appId);
        app.setCmd("echo started; sleep 600");
        app.setCpus(0.1);
        app.setMem(16.0);
        app.setInstances(1);
        VersionedApp created = marathon.createApp(app);
        check(appId.equals(created.getId()), "created app has id " + appId + ": " + created.getId());
        check("echo started; sleep 600".equals(created.getCmd()), "created app keeps its cmd: " + created.getCmd());
        step("created " + created.getId() + " version " + created.getVersion());

        Set<String> first = awaitRunning(1);
        step("running " + first);
        checkMaster(first);

        App scale = new App();
        scale.setInstances(2);
        Result scaled = marathon.updateApp(appId, scale, false);
        check(scaled.getDeploymentId() != null && !scaled.getDeploymentId().isEmpty(), "scaling returns a deployment");
        Set<String> both = awaitRunning(2);
        check(both.containsAll(first), "scaling up keeps the running task " + first + ": " + both);
        check(marathon.getApp(appId).getApp().getInstances() == 2, "the app has 2 instances");
        step("scaled to " + both);
        checkMaster(both);

        List<VersionedApp> apps = marathon.getApps().getApps();
        check(apps.stream().anyMatch(a -> a.getId().equals(appId)), "GET /v2/apps lists " + appId);
        Set<String> listed = marathon.getTasks().getTasks().stream().filter(t -> appId.equals(t.getAppId()))
                .map(Task::getId).collect(Collectors.toSet());
        check(listed.equals(both), "GET /v2/tasks lists " + both + ": " + listed);
        step("listed " + apps.size() + " apps, " + listed.size() + " tasks of " + appId);

        GetServerInfoResponse info = marathon.getServerInfo();
        check("marathon".equals(info.getName()) && info.getVersion() != null, "GET /v2/info names Marathon: " + info);
        check(info.getFrameworkId() != null && !info.getFrameworkId().isEmpty(), "GET /v2/info has a framework id");
        step("info " + info.getName() + " " + info.getVersion() + " framework " + info.getFrameworkId());

        Result deleted = marathon.deleteApp(appId);
        check(deleted.getDeploymentId() != null, "deleting returns a deployment");
        await(() -> gone(appId), "the app is gone (404)");
        if (masterUrl != null) {
            await(() -> masterRunning().stream().noneMatch(both::contains), "the master runs none of " + both);
        }
        step("deleted " + appId);
    }

    private Set<String> awaitRunning(int count) {
        Set<String>[] seen = new Set[] {Set.of()};
        await(() -> {
            seen[0] = running();
            return seen[0].size() == count;
        }, count + " running tasks");
        return seen[0];
    }

    private Set<String> running() {
        try {
            return marathon.getAppTasks(appId).getTasks().stream().filter(t -> "TASK_RUNNING".equals(t.getState()))
                    .map(Task::getId).collect(Collectors.toSet());
        } catch (MarathonException e) {
            throw new AssertionError("GET /v2/apps/" + appId + "/tasks: " + e, e);
        }
    }

    private boolean gone(String id) {
        try {
            marathon.getApp(id);
            return false;
        } catch (MarathonException e) {
            if (e.getStatus() == 404) {
                return true;
            }
            throw new AssertionError("GET /v2/apps/" + id + ": " + e, e);
        }
    }

    /** The master runs each of these tasks, for the framework named marathon. */
    private void checkMaster(Set<String> taskIds) throws Exception {
        if (masterUrl != null) {
            await(() -> masterRunning().containsAll(taskIds), "the master runs " + taskIds);
            step("the master runs " + taskIds);
        }
    }

    private Set<String> masterRunning() {
        try {
            HttpResponse<String> r = http.send(toMaster(URI.create(masterUrl + "/master/state"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            check(r.statusCode() == 200, "GET /master/state: " + r.statusCode());
            Set<String> out = new HashSet<>();
            for (JsonElement f : new JsonParser().parse(r.body()).getAsJsonObject().getAsJsonArray("frameworks")) {
                JsonObject framework = f.getAsJsonObject();
                if (!"marathon".equals(framework.get("name").getAsString())) {
                    continue;
                }
                for (JsonElement t : framework.getAsJsonArray("tasks")) {
                    JsonObject task = t.getAsJsonObject();
                    if ("TASK_RUNNING".equals(task.get("state").getAsString())) {
                        out.add(task.get("id").getAsString());
                    }
                }
            }
            return out;
        } catch (java.io.IOException e) {
            throw new AssertionError("GET /master/state: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    private static void step(String what) {
        System.out.println("ok: " + what);
    }
}
