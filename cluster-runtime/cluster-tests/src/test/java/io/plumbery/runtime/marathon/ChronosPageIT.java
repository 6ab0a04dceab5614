package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plumbery.runtime.chronos.ChronosConfig;
import io.plumbery.runtime.chronos.ChronosServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Chronos's page in headless Chromium against a real cluster on loopback (ZooKeeper, a master, two agents running the
 * jobs' shell tasks, two Chronos instances): a job created from the form (Chronos's refusals shown at their field),
 * run now until its success is counted, a dependent job created from JSON, the job deleted, all without a reload; a
 * standby's page lands on the leader's. Screenshots: target/screenshots.
 */
class ChronosPageIT {
    static final Duration WAIT = Duration.ofSeconds(30);
    /** Far enough ahead that no run starts but those the test asks for. */
    static final String LATER = "R/2030-01-01T00:00:00Z/P1D";
    @TempDir
    static Path dir;
    static TestCluster cluster;
    static ChronosServer chronos;
    static ChronosServer standby;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Browser.installed(), "needs Debian's chromium and chromium-driver (bin/test installs them)");
        cluster = new TestCluster(dir, 2, 1);
        await().atMost(WAIT).until(cluster::ready);
        chronos = chronos();
        await().atMost(WAIT).until(() -> chronos.leading().map(l -> l.subscribed()).orElse(false));
        standby = chronos();
        await().atMost(WAIT).until(() -> standby.leader().filter(chronos.endpoint()::equals).isPresent());
        browser = new Browser(dir.resolve("chromium"));
    }

    private static ChronosServer chronos() throws Exception {
        String zk = "zk://" + cluster.zk.getConnectString() + "/chronos";
        ChronosServer c = new ChronosServer(ChronosConfig.of("127.0.0.1", 0, cluster.mesosUrl(), zk)
                .withFailureRetry(Duration.ofMillis(300)));
        c.start();
        return c;
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        for (ChronosServer c : new ChronosServer[] {standby, chronos}) {
            if (c != null) {
                c.close();
            }
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aJobIsCreatedRunCountedAndDeletedFromThePage() {
        browser.driver.get("http://" + chronos.endpoint() + "/#/create");
        assertThat(browser.reloadMillis()).as("page load, ms").isLessThan(1000);
        browser.js("window.sameDocument = true;"); // gone if anything reloads the page

        // Chronos's 400s in words, at the field they concern
        browser.type("#job-name", "not a name!");
        browser.type("#job-command", "echo from-the-page");
        browser.type("#job-schedule", LATER);
        browser.click("#create");
        browser.until(d -> browser.text("#name-errors").contains("letters, digits"));
        assertThat(browser.driver.findElement(By.cssSelector("#job-name")).getAttribute("aria-invalid")).isEqualTo("true");
        browser.type("#job-name", "page-job");
        browser.type("#job-schedule", "every day");
        browser.click("#create");
        browser.until(d -> browser.text("#schedule-errors").contains("is not a schedule Chronos reads"));
        assertThat(browser.text("#name-errors")).isEmpty();
        browser.screenshot("chronos-create-invalid");

        browser.type("#job-schedule", LATER);
        browser.click("#create");
        browser.until(d -> d.getCurrentUrl().endsWith("#/jobs/page-job"));
        browser.until(d -> browser.text("#success-count").equals("0") && browser.text("main").contains("every 1 day"));

        browser.click("#run-now");
        browser.until(d -> browser.text("#success-count").equals("1"));
        browser.until(d -> browser.rows("#recent-runs").stream().anyMatch(r -> r.startsWith("Success"))
                && browser.text("#run-times").contains("Median"));
        browser.screenshot("chronos-job");

        // a dependent job needs a parent; from JSON, an unknown parent is refused at "parents", then it runs after its
        // parent
        browser.driver.get("http://" + chronos.endpoint() + "/#/create");
        browser.js("window.sameDocument = true;");
        browser.click("#kind-dependent");
        assertThat(browser.driver.findElement(By.cssSelector("#job-schedule")).isDisplayed()).isFalse();
        browser.type("#job-name", "page-orphan");
        browser.type("#job-command", "true");
        browser.click("#create");
        browser.until(d -> browser.text("#parents-errors").equals("needs at least one parent job"));
        setJson("{\"name\": \"page-child\", \"command\": \"true\", \"parents\": [\"nobody\"]}");
        browser.click("#create-json");
        browser.until(d -> browser.text("#json-errors").equals("parents: names a job that does not exist"));
        setJson("{\"name\": \"page-child\", \"command\": \"true\", \"parents\": [\"page-job\"]}");
        browser.click("#create-json");
        browser.until(d -> d.getCurrentUrl().endsWith("#/jobs/page-child"));
        browser.until(d -> browser.text("main").contains("when its parents succeed"));

        browser.click("a[href='#/jobs']");
        browser.until(d -> row("page-child").contains("page-job") && row("page-job").contains("every 1 day"));
        browser.click("#jobs tr[data-id='page-job'] a");
        browser.until(d -> d.getCurrentUrl().endsWith("#/jobs/page-job"));
        browser.click("#run-now");
        browser.until(d -> browser.text("#success-count").equals("2"));
        browser.click("a[href='#/jobs']");
        browser.until(d -> count("page-child", "success").equals("1"));
        browser.screenshot("chronos-jobs");
        browser.phone();
        assertThat(browser.fitsTheWindow()).as("the jobs page fits a phone's width").isTrue();
        browser.screenshot("chronos-jobs-phone");
        browser.desktop();

        // by keyboard alone: Tab through the page to a link to the job, Enter opens its page
        assertThat(browser.tabTo("page-job", 12)).as("Tab reaches a link to the job").isEqualTo("page-job");
        browser.enter();
        browser.until(d -> d.getCurrentUrl().endsWith("#/jobs/page-job"));
        browser.click("#delete-job");
        browser.driver.switchTo().alert().accept();
        browser.until(d -> d.getCurrentUrl().endsWith("#/jobs"));
        browser.until(d -> d.findElements(By.cssSelector("#jobs tr[data-id='page-job']")).isEmpty()
                && !d.findElements(By.cssSelector("#jobs tr[data-id='page-child']")).isEmpty());
        assertThat(browser.js("return window.sameDocument === true;")).as("no reload").isEqualTo(true);
    }

    @Test
    void aStandbysPageSendsTheBrowserToTheLeaders() {
        browser.driver.get("http://" + standby.endpoint() + "/");
        browser.until(d -> d.getCurrentUrl().startsWith("http://" + chronos.endpoint() + "/"));
        browser.until(d -> browser.text("#where").equals("Leader " + chronos.endpoint()));
    }

    /** The jobs table's row of a job, as text ('' while it has none). */
    private static String row(String job) {
        return browser.text("#jobs tr[data-id='" + job + "']");
    }

    /** A job's count of successes or errors, as the jobs table shows it. */
    private static String count(String job, String kind) {
        return browser.text("#jobs tr[data-id='" + job + "'] [data-count='" + kind + "']");
    }

    private static void setJson(String json) {
        browser.js("document.querySelector('#job-json').value = arguments[0];", json);
    }
}
