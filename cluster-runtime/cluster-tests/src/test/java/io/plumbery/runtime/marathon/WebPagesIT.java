package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plumbery.runtime.master.MasterServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web pages in headless Chromium against a real cluster on loopback (ZooKeeper, two masters, two agents, two
 * Marathons): an app created, scaled, restarted and destroyed from the Marathon page without a reload; the agents and
 * the app's task on the Mesos page, and its stdout followed from the agent, the standby master listed there; a
 * standby's page lands on the leader's. Screenshots: target/screenshots.
 */
class WebPagesIT {
    static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    static Path dir;
    static TestCluster cluster;
    static MarathonServer marathon;
    static MarathonServer standby;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Browser.installed(), "needs Debian's chromium and chromium-driver (bin/test installs them)");
        cluster = new TestCluster(dir, 2, 2);
        await().atMost(WAIT).until(cluster::ready);
        marathon = cluster.marathon();
        await().atMost(WAIT).until(() -> marathon.isLeader() && marathon.scheduler().isSubscribed());
        standby = cluster.marathon();
        await().atMost(WAIT).until(() -> standby.leader().filter(marathon.endpoint()::equals).isPresent());
        browser = new Browser(dir.resolve("chromium"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void anAppIsCreatedScaledRestartedAndDestroyedFromTheMarathonPage() {
        open("http://" + marathon.endpoint() + "/#/create");
        assertLoadsWithinASecond();
        browser.js("window.sameDocument = true;"); // gone if anything reloads the page

        // Marathon's 422 is shown at the field it names
        type("#app-id", "Web_App");
        type("#app-cmd", "echo hello-from-web; sleep 600");
        click("#create");
        browser.until(d -> !text("#id-errors").isEmpty());
        assertThat(element("#app-id").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(text("#id-errors")).containsIgnoringCase("lower");
        browser.screenshot("marathon-create-invalid");

        // the same from JSON: errors under the editor, in words
        WebElement json = element("#app-json");
        json.clear();
        json.sendKeys("{\"id\": \"/web\", \"cmd\": \"sleep 1\", \"cpus\": -1}");
        click("#create-json");
        browser.until(d -> text("#json-errors").startsWith("cpus: got -1.0, expected 0.0 or more"));
        json.clear();
        json.sendKeys("{not json");
        click("#create-json");
        browser.until(d -> text("#json-errors").startsWith("This is not valid JSON"));

        type("#app-id", "/web");
        click("#create");
        browser.until(d -> d.getCurrentUrl().endsWith("#/apps/web"));
        browser.until(d -> text("#instance-count").equals("1 of 1 running") && status().equals("Running"));
        browser.screenshot("marathon-app-running");

        type("#scale-to", "3");
        click("#scale");
        browser.until(d -> text("#instance-count").equals("3 of 3 running")
                && rows("#app-tasks").stream().filter(r -> r.contains("running")).count() == 3);

        click("#restart");
        browser.until(d -> text("main").contains("RestartApplication /web"));
        browser.screenshot("marathon-app-restarting");
        browser.until(d -> text("#app-finished-deployments").contains("succeeded")
                && text("#app-finished-deployments").contains("RestartApplication /web"));
        browser.until(d -> text("#instance-count").equals("3 of 3 running") && status().equals("Running"));

        // the configuration edited as JSON: Marathon's 422 shown under it, then a new version; the one before it
        // deployed again from the versions list
        browser.until(d -> !d.findElements(By.cssSelector("#app-versions li")).isEmpty());
        String before = element("#app-versions li").getAttribute("data-version");
        String config = element("#app-config").getAttribute("value");
        setValue("#app-config", config.replaceFirst("\"cpus\"\\s*:\\s*[0-9.]+", "\"cpus\": -1"));
        click("#apply-config");
        browser.until(d -> text("#config-errors").startsWith("cpus:"));
        setValue("#app-config", config.replace("echo hello-from-web", "echo edited-in-page"));
        click("#apply-config");
        browser.until(d -> text("main").contains("echo edited-in-page; sleep 600")
                && !element("#app-versions li").getAttribute("data-version").equals(before));
        browser.screenshot("marathon-app-config");
        click("#app-versions li[data-version='" + before + "'] button");
        browser.driver.switchTo().alert().accept();
        browser.until(d -> text("main").contains("echo hello-from-web; sleep 600")
                && text("#instance-count").equals("3 of 3 running") && status().equals("Running"));

        open("http://" + marathon.endpoint() + "/#/apps");
        browser.js("window.sameDocument = true;");
        browser.until(d -> rows("#apps").stream().anyMatch(r -> r.contains("/web")
                && r.contains("3 of 3 running")));
        browser.screenshot("marathon-apps");
        browser.phone();
        assertThat(browser.fitsTheWindow()).as("the apps page fits a phone's width").isTrue();
        browser.screenshot("marathon-apps-phone");
        browser.desktop();

        // by keyboard alone: Tab through the page to the app's link, Enter opens its page
        assertThat(browser.tabTo("/web", 12)).as("Tab reaches the app's link").isEqualTo("/web");
        browser.enter();
        browser.until(d -> d.getCurrentUrl().endsWith("#/apps/web"));
        browser.until(d -> text("#instance-count").equals("3 of 3 running"));
        click("#destroy");
        browser.driver.switchTo().alert().accept();
        browser.until(d -> d.getCurrentUrl().endsWith("#/apps"));
        browser.until(d -> d.findElements(By.cssSelector("#apps tr[data-id='/web']")).isEmpty()
                && !d.findElements(By.cssSelector("#apps-section")).isEmpty());
        assertThat(browser.js("return window.sameDocument === true;")).as("no reload").isEqualTo(true);
    }

    @Test
    void theMesosPageShowsTheAgentsAndTheAppsTaskAndFollowsItsStdout() throws Exception {
        // 46 KB before the line looked for: the page shows only the file's last part, then each line as it comes
        MarathonClient api = new MarathonClient(marathon.endpoint());
        assertThat(api.send("POST", "/v2/apps", "{\"id\":\"/printer\",\"cmd\":\"echo long-before;"
                + " seq -f 'filler %g' 1 4000; echo printed-by-printer;"
                + " i=0; while sleep 1; do i=$((i+1)); echo tick $i; done\","
                + "\"cpus\":0.1,\"mem\":32,\"instances\":1}").status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> api.running("/printer").size() == 1);
        String taskId = api.running("/printer").get(0).path("id").asText();

        MasterServer leader = leadingMaster();
        open("http://127.0.0.1:" + leader.port() + "/");
        assertLoadsWithinASecond();
        browser.until(d -> text("#agent-count").equals("2"));
        assertThat(text("#resource-table")).contains("CPUs").contains("8");
        browser.screenshot("mesos-overview");

        click("nav a[href='#/agents']");
        browser.until(d -> rows("#agents").size() == 2);
        assertThat(text("#agents")).contains("127.0.0.2").contains("127.0.0.3").contains("rack:r0");
        browser.screenshot("mesos-agents");

        click("nav a[href='#/roles']");
        browser.until(d -> rows("#roles").stream().anyMatch(r -> r.startsWith("*") && r.contains(marathonFrameworkId())));
        browser.screenshot("mesos-roles");

        click("nav a[href='#/tasks']");
        browser.until(d -> rows("#tasks").stream().anyMatch(r -> r.contains(taskId)
                && r.contains("running")));
        browser.screenshot("mesos-tasks");
        click("#tasks tr[data-id='" + taskId + "'] a.mono");
        browser.until(d -> text("#task-state").equals("running"));
        // the agent's /state, /files/browse and /files/read, read through the master's /agent/ID/ pages
        browser.until(d -> rows("#sandbox-files").stream().anyMatch(r -> r.startsWith("stdout")));
        click("#open-stdout");
        browser.until(d -> text("#log").contains("printed-by-printer"));
        assertThat(text("#log")).as("only the file's last part is shown").doesNotContain("long-before");
        int shown = ticks();
        browser.until(d -> ticks() >= shown + 2);
        browser.screenshot("mesos-task");
        browser.phone();
        assertThat(browser.fitsTheWindow()).as("the task page fits a phone's width").isTrue();
        browser.desktop();
        assertThat(api.send("DELETE", "/v2/apps/printer", null).status()).isEqualTo(200);
    }

    /** The last "tick N" the log shows, 0 before the first. */
    private static int ticks() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("tick (\\d+)").matcher(text("#log"));
        int last = 0;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        return last;
    }

    @Test
    void aStandbysPagesSendTheBrowserToTheLeaders() throws Exception {
        MasterServer leader = leadingMaster();
        MasterServer other = cluster.masters.stream().filter(m -> m != leader).findFirst().orElseThrow();
        await().atMost(WAIT).until(() -> other.leader().isPresent());
        open("http://127.0.0.1:" + other.port() + "/");
        browser.until(d -> d.getCurrentUrl().startsWith("http://127.0.0.1:" + leader.port() + "/"));
        browser.until(d -> text("#leader").equals("127.0.0.1:" + leader.port()));

        open("http://" + standby.endpoint() + "/");
        browser.until(d -> d.getCurrentUrl().startsWith("http://" + marathon.endpoint() + "/"));
        browser.until(d -> text("#where").equals("Leader " + marathon.endpoint()));
    }

    @Test
    void theMesosPageListsTheStandbyMasterAndLinksTheLeader() {
        MasterServer leader = leadingMaster();
        MasterServer other = cluster.masters.stream().filter(m -> m != leader).findFirst().orElseThrow();
        await().atMost(WAIT).until(() -> other.leader().isPresent());
        open("http://127.0.0.1:" + leader.port() + "/");
        // GET /master/masters: the election's contenders, the leader first
        browser.until(d -> rows("#standbys").stream().anyMatch(r -> r.contains("127.0.0.1:" + other.port())
                && r.contains(other.info().id())));
        assertThat(element("#leader").getAttribute("href")).isEqualTo("http://127.0.0.1:" + leader.port() + "/");
        browser.screenshot("mesos-masters");
    }

    private static void assertLoadsWithinASecond() {
        assertThat(browser.reloadMillis()).as("page load, ms").isLessThan(1000);
    }

    private static MasterServer leadingMaster() {
        return cluster.masters.stream().filter(MasterServer::isLeader).findFirst().orElseThrow();
    }

    private static void open(String url) {
        browser.driver.get(url);
    }

    private static WebElement element(String css) {
        return browser.driver.findElement(By.cssSelector(css));
    }

    private static String text(String css) {
        return browser.text(css);
    }

    private static String status() {
        return text("[data-status]");
    }

    private static List<String> rows(String table) {
        return browser.rows(table);
    }

    /** Sets a field's value as typing would (with its input event), in one step. */
    private static void setValue(String css, String value) {
        browser.js("const e = document.querySelector(arguments[0]); e.value = arguments[1];"
                + " e.dispatchEvent(new Event('input', {bubbles: true}));", css, value);
    }

    private static String marathonFrameworkId() {
        return marathon.scheduler().frameworkId();
    }

    private static void click(String css) {
        browser.click(css);
    }

    private static void type(String css, String value) {
        browser.type(css, value);
    }
}
