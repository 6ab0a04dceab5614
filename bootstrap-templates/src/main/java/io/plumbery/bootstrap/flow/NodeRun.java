package io.plumbery.bootstrap.flow;

import io.plumbery.bootstrap.cloudconfig.CloudConfigDocument;
import io.plumbery.bootstrap.model.BootstrapNode;
import io.plumbery.bootstrap.model.BootstrapPlan;
import io.plumbery.bootstrap.model.Role;
import io.plumbery.bootstrap.model.RuntimeSettings;
import io.plumbery.bootstrap.render.NodeRenderer;
import io.plumbery.bootstrap.render.RenderException;
import io.plumbery.bootstrap.render.RenderedFile;
import io.plumbery.node.ssh.CommandResult;
import io.plumbery.node.ssh.ContentSource;
import io.plumbery.node.ssh.NodeConnector;
import io.plumbery.node.ssh.NodeSession;
import io.plumbery.node.ssh.Shell;
import io.plumbery.node.ssh.Upload;
import io.plumbery.node.wait.Wait;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** The steps of one node; phase one ({@link #configure}) writes and starts, phase two ({@link #verify}) waits. */
final class NodeRun implements AutoCloseable {
    /** cloud-init's result of this boot (in /run), written when its last stage has finished. */
    static final String CLOUD_INIT_RESULT = "/run/cloud-init/result.json";

    private final BootstrapPlan plan;
    private final BootstrapNode node;
    private final NodeRenderer renderer;
    private final NodeConnector connector;
    private final BootstrapSettings settings;
    private final Wait.Sleeper sleeper;
    private final BootstrapListener listener;
    private long started = System.nanoTime();

    private final List<FileChange> files = new ArrayList<>();
    private final List<UnitChange> units = new ArrayList<>();
    private final List<String> cloudConfigModules = new ArrayList<>();
    private NodeSession session;
    private NodeFailure failure;
    /** the node has no cloud-init, and that was accepted ({@code requireCloudInit=false}) */
    private boolean withoutCloudInit;
    private long finished;

    NodeRun(BootstrapPlan plan, BootstrapNode node, NodeRenderer renderer, NodeConnector connector,
            BootstrapSettings settings, Wait.Sleeper sleeper, BootstrapListener listener) {
        this.plan = plan;
        this.node = node;
        this.renderer = renderer;
        this.connector = connector;
        this.settings = settings;
        this.sleeper = sleeper;
        this.listener = listener;
    }

    boolean failed() {
        return failure != null;
    }

    NodeReport report() {
        long end = finished == 0 ? System.nanoTime() : finished;
        return new NodeReport(node.name(), cloudConfigModules, files, units, Duration.ofNanos(end - started), Optional.ofNullable(failure));
    }

    /**
     * Render, connect, wait for cloud-init, apply the plan's cloud-config when it changed, upload what changed,
     * (re)start what needs it. The plan's cloud-config comes before the cluster's own files, so that what it
     * installs is there when the services start, and the plumbery block of /etc/hosts is put back after it.
     */
    void configure() {
        started = System.nanoTime();
        guard(() -> {
            List<RenderedFile> rendered = step(Step.RENDER, () -> renderer.serviceFiles(plan, node),
                    r -> r.size() + " file(s)");
            session = step(Step.CONNECT, () -> connector.connect(node.ssh(), (endpoint, attempt, cause) ->
                    emit(Step.CONNECT, Progress.Status.RETRYING, "attempt " + attempt + " failed: " + cause.getMessage())),
                    NodeSession::address);
            step(Step.CLOUD_INIT, this::waitForCloudInit, detail -> detail);
            step(Step.CLOUD_CONFIG, this::applyCloudConfig, detail -> detail);
            step(Step.PREPARE, this::prepare, ok -> "");
            boolean runtimeChanged = step(Step.UPLOAD_RUNTIME, this::uploadRuntime, changed -> changed ? "uploaded" : "unchanged");
            Set<Role> touched = step(Step.UPLOAD_FILES, () -> uploadFiles(rendered), t -> countFiles());
            Set<Role> restart = runtimeChanged ? roles() : touched;
            boolean reload = files.stream().anyMatch(f -> f.changed() && f.path().endsWith(".service"));
            step(Step.START_UNITS, () -> startUnits(restart, reload), u -> describeUnits());
        });
    }

    /** Wait until each unit is active, then until each service answers its health check. */
    void verify() {
        guard(() -> {
            step(Step.WAIT_ACTIVE, () -> {
                waitActive(roles().stream().map(Role::unit).toList());
                return roles().size();
            }, n -> n + " unit(s) active");
            step(Step.WAIT_HEALTH, () -> {
                roles().forEach(this::waitHealthy);
                return roles().size();
            }, n -> n + " service(s) healthy");
        });
        finished = System.nanoTime();
    }

    private void guard(Runnable steps) {
        if (failure != null) {
            return;
        }
        try {
            steps.run();
        } catch (StepFailed e) {
            failure = e.failure();
            finished = System.nanoTime();
        }
    }

    private <T> T step(Step step, Supplier<T> body, java.util.function.Function<T, String> detail) {
        emit(step, Progress.Status.STARTED, "");
        T result;
        try {
            result = body.get();
        } catch (StepFailed e) {
            emit(step, Progress.Status.FAILED, e.failure().message());
            throw e;
        } catch (RenderException e) {
            emit(step, Progress.Status.FAILED, "cannot render " + e.error());
            throw fail(step, "cannot render " + e.error(), null, List.of());
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            emit(step, Progress.Status.FAILED, message);
            throw fail(step, message, null, List.of());
        }
        emit(step, Progress.Status.DONE, detail.apply(result));
        return result;
    }

    private StepFailed fail(Step step, String message, String unit, List<String> journal) {
        return new StepFailed(new NodeFailure(node.name(), step, message, unit, journal));
    }

    private void emit(Step step, Progress.Status status, String detail) {
        listener.onProgress(new Progress(node.name(), step, status, Duration.ofNanos(System.nanoTime() - started), detail));
    }

    private String sudo() {
        return privileged() ? "sudo -n " : "";
    }

    /** Through sudo unless told not to, or logged in as root. */
    private boolean privileged() {
        return settings.sudo() && !"root".equals(node.ssh().user());
    }

    private String onNode(String path) {
        return settings.onNode(node.name(), path);
    }

    private EnumSet<Role> roles() {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        roles.addAll(node.roles());
        return roles;
    }

    private String waitForCloudInit() {
        // "not run" / "disabled" once we can log in means it will not run: do not wait for it. Each cloud-init
        // command is a Python process (about half a second of CPU, many seconds on a loaded host): when this
        // boot's result is written already and lists no errors, cloud-init is done and nothing more is asked;
        // otherwise 'status' says how it went
        String r = Shell.quote(onNode(CLOUD_INIT_RESULT));
        CommandResult result = session.run("command -v cloud-init >/dev/null 2>&1 || exit 100; "
                + "[ -e " + r + " ] && grep -q '\"errors\": \\[\\]' " + r
                + " && ! grep -q '\"recoverable_errors\": {$' " + r + " && exit 0; "
                + "[ -e " + r + " ] || { s=$(cloud-init status 2>/dev/null); "
                + "case \"$s\" in *'not run'*|*disabled*) echo \"$s\"; exit 101;; esac; }; "
                + "cloud-init status --wait --long", settings.cloudInitTimeout());
        return switch (result.exitCode()) {
            case 0 -> "done";
            case 2 -> "done with recoverable errors";
            case 100, 101 -> {
                String why = result.exitCode() == 100 ? "cloud-init is not installed on the node"
                        : "cloud-init is disabled or did not run on the node (" + result.stdout().strip() + ")";
                if (settings.requireCloudInit()) {
                    throw fail(Step.CLOUD_INIT, why, null, List.of());
                }
                withoutCloudInit = result.exitCode() == 100;
                yield withoutCloudInit ? "no cloud-init (accepted)" : "cloud-init not run (accepted)";
            }
            default -> throw fail(Step.CLOUD_INIT, "cloud-init failed (exit " + result.exitCode() + "): "
                    + String.join(" | ", result.tail(5)), null, List.of());
        };
    }

    /** The plan's cloud-config for this node, applied unless the node has it already; says what was done. */
    private String applyCloudConfig() {
        CloudConfigDocument document = renderer.planCloudConfig(plan, node);
        if (document.isEmpty()) {
            return "none in the plan";
        }
        if (withoutCloudInit) {
            throw fail(Step.CLOUD_CONFIG, "the plan gives this node a cloud-config, but the node has no cloud-init to"
                    + " apply it", null, List.of());
        }
        cloudConfigModules.addAll(new CloudConfigApply(session, settings, node.name(), privileged()).apply(document));
        return cloudConfigModules.isEmpty() ? "unchanged" : "applied: " + String.join(", ", cloudConfigModules);
    }

    private boolean prepare() {
        RuntimeSettings rs = renderer.settings();
        String user = Shell.quote(rs.serviceUser());
        // the secrets' directory: its files are root's, readable by the services' group, by nobody else
        String script = "{ getent passwd " + user + " >/dev/null 2>&1 || useradd --system --user-group --no-create-home"
                + " --home-dir /var/lib/plumbery --shell /usr/sbin/nologin " + user + "; } && "
                + "install -d -m 0755 " + Shell.quote(onNode(NodeRenderer.CONFIG_DIR)) + " "
                + Shell.quote(onNode(rs.runtimeJar().substring(0, rs.runtimeJar().lastIndexOf('/')))) + " && "
                + "install -d -m 0750 -o root -g " + user + " " + Shell.quote(onNode(NodeRenderer.SECRETS_DIR))
                + (node.has(Role.AGENT) ? taskUser(rs) : "");
        CommandResult result = session.run(sudo() + "sh -c " + Shell.quote(script), settings.commandTimeout());
        if (!result.ok()) {
            throw fail(Step.PREPARE, "cannot create the service user and directories (exit " + result.exitCode()
                    + "): " + String.join(" | ", result.tail(3)), null, List.of());
        }
        return true;
    }

    /**
     * On an agent: the user tasks run as (nobody is on every Debian; made like it where it is missing), and the way to
     * their sandboxes, which others may pass through (0751) but not list.
     */
    private String taskUser(RuntimeSettings rs) {
        String task = Shell.quote(rs.taskUser());
        String varLib = Shell.quote(onNode("/var/lib/plumbery"));
        return " && { getent passwd " + task + " >/dev/null 2>&1 || useradd --system --no-create-home"
                + " --home-dir /nonexistent --shell /usr/sbin/nologin " + task + "; }"
                + " && mkdir -p " + varLib + " && chmod 0751 " + varLib;
    }

    private boolean uploadRuntime() {
        if (node.roles().isEmpty()) {
            return false; // a plain node runs none of the cluster's services
        }
        String path = renderer.settings().runtimeJar();
        boolean changed = session.putIfChanged(ContentSource.of(plan.runtimeArtifact()), onNode(path), "0644", privileged());
        files.add(new FileChange(path, changed));
        return changed;
    }

    private Set<Role> uploadFiles(List<RenderedFile> rendered) {
        List<Upload> uploads = rendered.stream()
                .map(f -> new Upload(ContentSource.of(f.bytes()), onNode(f.path()), f.mode(), f.owner())).toList();
        List<Boolean> written = session.putIfChanged(uploads, privileged());
        Set<Role> touched = EnumSet.noneOf(Role.class);
        for (int i = 0; i < rendered.size(); i++) {
            files.add(new FileChange(rendered.get(i).path(), written.get(i)));
            if (written.get(i) && rendered.get(i).role() != null) {
                touched.add(rendered.get(i).role());
            }
        }
        syncEtcHosts();
        if (!plan.masters().isEmpty() && plan.hardensSsh(node)) {
            syncResolver(touched);
        }
        for (int i = 0; i < rendered.size(); i++) {
            if (written.get(i) && rendered.get(i).path().equals(NodeRenderer.SSHD_DROP_IN)) {
                reloadSshd();
            }
        }
        return touched;
    }

    /**
     * Makes sshd read {@link NodeRenderer#SSHD_DROP_IN}, after it checked the whole configuration: a drop-in that
     * sshd refuses is taken away again, so that the next start of sshd does not lock everyone out. Sessions open
     * now (this one) stay; a socket-activated sshd reads it at the next connection.
     */
    private void reloadSshd() {
        String sshd = Shell.quote(onNode("/usr/sbin/sshd"));
        String script = "[ -x " + sshd + " ] || exit 0; " + sshd + " -t || { rm -f "
                + Shell.quote(onNode(NodeRenderer.SSHD_DROP_IN)) + "; exit 1; }; "
                + "systemctl try-reload-or-restart ssh.service 2>/dev/null || systemctl try-reload-or-restart sshd.service";
        CommandResult result = session.run(sudo() + "sh -c " + Shell.quote(script), settings.commandTimeout());
        if (!result.ok()) {
            throw fail(Step.UPLOAD_FILES, "sshd refused plumbery's settings " + NodeRenderer.SSHD_DROP_IN
                    + " (exit " + result.exitCode() + "): " + String.join(" | ", result.tail(3)), null, List.of());
        }
    }

    /**
     * Puts {@link NodeRenderer#HOSTS_FILE} between {@code # BEGIN plumbery} and {@code # END plumbery} in
     * /etc/hosts when the block differs, keeping every other line. Rewrites in place ({@code cat >}) since
     * /etc/hosts is often a bind mount in containers. Reported as a file change of /etc/hosts.
     */
    private void syncEtcHosts() {
        String hosts = Shell.quote(onNode("/etc/hosts"));
        String block = Shell.quote(onNode(NodeRenderer.HOSTS_FILE));
        String script = "h=" + hosts + "; b=" + block + "; [ -f \"$h\" ] || : > \"$h\"; "
                + "cur=$(awk '/^# BEGIN plumbery$/{on=1;next} /^# END plumbery$/{on=0;next} on' \"$h\"); "
                + "if [ \"$cur\" = \"$(cat \"$b\")\" ] && grep -q '^# END plumbery$' \"$h\"; then echo unchanged; exit 0; fi; "
                + "rest=$(awk '/^# BEGIN plumbery$/{skip=1;next} /^# END plumbery$/{skip=0;next} !skip' \"$h\"); "
                + "t=$(mktemp) && { [ -z \"$rest\" ] || printf '%s\\n' \"$rest\"; echo '# BEGIN plumbery'; cat \"$b\"; "
                + "echo '# END plumbery'; } > \"$t\" && cat \"$t\" > \"$h\" && rm -f \"$t\" && echo changed";
        CommandResult result = session.run(sudo() + "sh -c " + Shell.quote(script), settings.commandTimeout());
        if (!result.ok()) {
            throw fail(Step.UPLOAD_FILES, "cannot update /etc/hosts (exit " + result.exitCode() + "): "
                    + String.join(" | ", result.tail(3)), null, List.of());
        }
        files.add(new FileChange("/etc/hosts", result.stdout().strip().equals("changed")));
    }

    /**
     * Makes the node resolve through the masters' Mesos-DNS ({@link NodeResolver}); machines the plan does not own
     * keep their resolver, which nothing would give back to them once the plan is gone. Reported as file changes of
     * /etc/resolv.conf and, on a master, of Mesos-DNS's upstream, whose change restarts it.
     */
    private void syncResolver(Set<Role> touched) {
        boolean runsDns = node.has(Role.MESOS_DNS);
        List<String> masters = plan.masters().stream().map(BootstrapNode::privateAddress).toList();
        CommandResult result = session.run(sudo() + "sh -c " + Shell.quote(NodeResolver.script(masters, runsDns,
                this::onNode)), settings.commandTimeout());
        if (!result.ok()) {
            throw fail(Step.UPLOAD_FILES, "cannot point the resolver at the masters (exit " + result.exitCode() + "): "
                    + String.join(" | ", result.tail(3)), null, List.of());
        }
        NodeResolver.Change change = NodeResolver.changes(result.stdout());
        files.add(new FileChange("/etc/resolv.conf", change.resolver()));
        if (runsDns) {
            files.add(new FileChange(NodeResolver.UPSTREAM_FILE, change.upstream()));
            if (change.upstream()) {
                touched.add(Role.MESOS_DNS);
            }
        }
    }

    private String countFiles() {
        long changed = files.stream().skip(1).filter(FileChange::changed).count();
        return changed + " changed, " + (files.size() - 1 - changed) + " unchanged";
    }

    private List<UnitChange> startUnits(Set<Role> restart, boolean reload) {
        boolean removed = removeStaleUnits();
        if (reload || removed || staleInManager()) {
            systemctl(Step.START_UNITS, null, "daemon-reload");
        }
        List<String> restarted = new ArrayList<>();
        List<String> started = new ArrayList<>();
        for (Role role : roles()) {
            String unit = role.unit();
            UnitChange.Action action;
            if (restart.contains(role)) {
                restarted.add(unit);
                action = UnitChange.Action.RESTARTED;
            } else if (session.run("systemctl is-active --quiet " + unit + " && systemctl is-enabled --quiet " + unit,
                    settings.commandTimeout()).ok()) {
                action = UnitChange.Action.UNCHANGED;
            } else {
                started.add(unit);
                action = UnitChange.Action.STARTED;
            }
            units.add(new UnitChange(unit, action));
        }
        // --no-reload: enabling only links the unit into its target, and each reload runs every generator
        // of the node again (cloud-init's among them); the one reload needed is done above
        together(restarted, "enable", "--quiet", "--no-reload");
        together(restarted, "restart");
        together(started, "enable", "--quiet", "--no-reload", "--now");
        return units;
    }

    /**
     * One systemctl for all of {@code unitNames}, as systemd starts them together anyway (in their After= order): each
     * command is a login and a sudo on a node that is busy starting JVMs. When it fails, once more unit by unit, so
     * that the failure names its unit and carries its journal.
     */
    private void together(List<String> unitNames, String... args) {
        if (unitNames.isEmpty()) {
            return;
        }
        String command = "systemctl " + String.join(" ", args) + " " + String.join(" ", unitNames);
        if (session.run(sudo() + command, settings.commandTimeout()).ok()) {
            return;
        }
        for (String unit : unitNames) {
            String[] one = Arrays.copyOf(args, args.length + 1);
            one[args.length] = unit;
            systemctl(Step.START_UNITS, unit, one);
        }
    }

    /**
     * Whether systemd holds an older version of one of the node's unit files than the disk has (a polish that
     * stopped between writing them and reloading): enabling no longer reloads, so this one does.
     */
    private boolean staleInManager() {
        String units = String.join(" ", roles().stream().map(Role::unit).toList());
        return !units.isEmpty() && session.run("systemctl show -p NeedDaemonReload --value " + units
                + " 2>/dev/null | grep -qx yes", settings.commandTimeout()).ok();
    }

    /** Units of roles the node no longer has (left by an earlier plan): stop, disable, delete their files. */
    private boolean removeStaleUnits() {
        List<Role> others = EnumSet.complementOf(roles()).stream().toList();
        Map<String, Role> unitFiles = new LinkedHashMap<>();
        others.forEach(role -> unitFiles.put(onNode(NodeRenderer.UNIT_DIR + "/" + role.unit()), role));
        Set<String> present = session.sha256(List.copyOf(unitFiles.keySet()), privileged()).keySet();
        boolean any = false;
        for (Map.Entry<String, Role> entry : unitFiles.entrySet()) {
            if (!present.contains(entry.getKey())) {
                continue;
            }
            Role role = entry.getValue();
            systemctl(Step.START_UNITS, role.unit(), "disable", "--quiet", "--now", role.unit());
            String envFile = onNode(NodeRenderer.CONFIG_DIR + "/" + role.service() + ".env");
            CommandResult rm = session.run(sudo() + "rm -f " + Shell.quote(entry.getKey()) + " " + Shell.quote(envFile),
                    settings.commandTimeout());
            if (!rm.ok()) {
                throw fail(Step.START_UNITS, "cannot remove " + entry.getKey() + ": " + String.join(" | ", rm.tail(3)),
                        role.unit(), List.of());
            }
            units.add(new UnitChange(role.unit(), UnitChange.Action.REMOVED));
            any = true;
        }
        return any;
    }

    private String describeUnits() {
        StringBuilder out = new StringBuilder();
        for (UnitChange u : units) {
            out.append(out.isEmpty() ? "" : ", ").append(u.unit().replace(".service", "")).append(' ')
                    .append(u.action().name().toLowerCase(java.util.Locale.ROOT));
        }
        return out.toString();
    }

    private void systemctl(Step step, String unit, String... args) {
        CommandResult result = session.run(sudo() + "systemctl " + String.join(" ", args), settings.commandTimeout());
        if (!result.ok()) {
            throw fail(step, "systemctl " + String.join(" ", args) + " failed (exit " + result.exitCode() + "): "
                    + String.join(" | ", result.tail(3)), unit, unit == null ? List.of() : journal(unit));
        }
    }

    private List<String> journal(String unit) {
        try {
            CommandResult result = session.run(sudo() + "journalctl -u " + unit + " -n " + settings.journalLines()
                    + " --no-pager -o cat 2>&1", settings.commandTimeout());
            List<String> lines = result.stdout().lines().toList();
            return lines.subList(Math.max(0, lines.size() - settings.journalLines()), lines.size());
        } catch (RuntimeException e) {
            return List.of("(journal unavailable: " + e.getMessage() + ")");
        }
    }

    /** Polls the states of all the units in one command (a line each, in order) until every one is active. */
    private void waitActive(List<String> unitNames) {
        if (unitNames.isEmpty()) {
            return;
        }
        Map<String, String> last = new LinkedHashMap<>();
        boolean active = poll(Step.WAIT_ACTIVE, settings.unitActiveTimeout(), () -> {
            List<String> states = session.run("systemctl is-active " + String.join(" ", unitNames),
                    settings.commandTimeout()).stdout().lines().map(String::strip).toList();
            for (int i = 0; i < unitNames.size(); i++) {
                last.put(unitNames.get(i), i < states.size() ? states.get(i) : "");
            }
            for (Map.Entry<String, String> unit : last.entrySet()) {
                if (unit.getValue().equals("failed")) {
                    throw fail(Step.WAIT_ACTIVE, unit.getKey() + " failed", unit.getKey(), journal(unit.getKey()));
                }
            }
            return last.values().stream().allMatch("active"::equals);
        });
        if (!active) {
            Map.Entry<String, String> waiting = last.entrySet().stream().filter(u -> !u.getValue().equals("active"))
                    .findFirst().orElse(Map.entry(unitNames.get(0), ""));
            String unit = waiting.getKey();
            throw fail(Step.WAIT_ACTIVE, unit + " not active after " + settings.unitActiveTimeout().toSeconds()
                    + " s (state: " + (waiting.getValue().isEmpty() ? "unknown" : waiting.getValue()) + ")", unit,
                    journal(unit));
        }
    }

    private void waitHealthy(Role role) {
        RuntimeSettings rs = renderer.settings();
        boolean tls = plan.tls() != null;
        String command = HealthChecks.command(role, node, rs, tls);
        CommandResult[] last = {null};
        boolean healthy = poll(Step.WAIT_HEALTH, settings.healthTimeout(), () -> {
            last[0] = session.run(command, settings.commandTimeout());
            return last[0].ok();
        });
        if (!healthy) {
            String why = last[0] == null ? "" : " (last check exit " + last[0].exitCode() + ": "
                    + String.join(" | ", last[0].tail(2)) + ")";
            throw fail(Step.WAIT_HEALTH, role.service() + " not healthy at " + HealthChecks.target(role, node, rs, tls)
                    + " after " + settings.healthTimeout().toSeconds() + " s" + why, role.unit(), journal(role.unit()));
        }
    }

    /** Polls until {@code check} is true or {@code timeout} passes; at least one check. */
    private boolean poll(Step step, Duration timeout, Supplier<Boolean> check) {
        Wait.Result<Boolean> result = Wait.polling(timeout, settings.pollInterval()).sleeper(sleeper)
                .until(check::get, Boolean::booleanValue);
        if (result.interrupted()) {
            throw fail(step, "interrupted", null, List.of());
        }
        return result.done();
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }
}
