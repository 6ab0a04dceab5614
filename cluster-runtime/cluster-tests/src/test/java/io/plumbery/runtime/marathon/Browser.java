package io.plumbery.runtime.marathon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's packages, driven through their chromedriver (given by path, so Selenium never looks
 * for or downloads a driver of its own). Screenshots go to target/screenshots.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration WAIT = Duration.ofSeconds(30);

    final ChromeDriver driver;
    private final ChromeDriverService service;

    Browser(Path profile) {
        service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile.toAbsolutePath());
        driver = new ChromeDriver(service, options);
        desktop();
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    }

    void desktop() {
        driver.manage().window().setSize(new Dimension(1280, 800));
    }

    void phone() {
        driver.manage().window().setSize(new Dimension(390, 844));
    }

    /** Waits (bounded) for a condition; on a timeout, a screenshot and the page's text say what was shown instead. */
    <T> T until(Function<WebDriver, T> condition) {
        try {
            // the pages redraw as the cluster changes: an element found a moment ago may be gone, so look again
            return new WebDriverWait(driver, WAIT, Duration.ofMillis(100))
                    .ignoring(StaleElementReferenceException.class).until(condition);
        } catch (TimeoutException e) {
            screenshot("timed-out-" + System.currentTimeMillis());
            throw new TimeoutException("waited " + WAIT.toSeconds() + " s at " + driver.getCurrentUrl()
                    + "; the page showed:\n" + js("return document.body.innerText;"), e);
        }
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Milliseconds from the start of the page's navigation to the end of its load event. */
    long loadMillis() {
        until(d -> ((Number) js("const n = performance.getEntriesByType('navigation')[0];"
                + " return n ? n.loadEventEnd : 0;")).doubleValue() > 0);
        return ((Number) js("const n = performance.getEntriesByType('navigation')[0];"
                + " return n.loadEventEnd - n.startTime;")).longValue();
    }

    /**
     * The page's load, from navigation start to the end of its load event, once the browser and the server have served
     * it once (the first visit of a fresh headless browser also counts the browser's own start-up).
     */
    long reloadMillis() {
        long first = loadMillis();
        driver.navigate().refresh();
        long again = loadMillis();
        System.out.printf("%s loaded in %d ms, then in %d ms%n", driver.getCurrentUrl(), first, again);
        return again;
    }

    /** Clicks the element, found again if a redraw replaced it meanwhile. */
    void click(String css) {
        until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    /** Replaces what an input holds with what is typed. */
    void type(String css, String value) {
        WebElement input = until(d -> d.findElement(By.cssSelector(css)));
        input.clear();
        input.sendKeys(value);
    }

    /** The visible text of the element that has the keyboard's focus. */
    String focused() {
        return (String) js("return document.activeElement ? document.activeElement.innerText.trim() : '';");
    }

    /** Presses Tab (at most {@code presses} times) until the focused element reads {@code text}; then what it reads. */
    String tabTo(String text, int presses) {
        for (int i = 0; i < presses && !focused().equals(text); i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
        }
        return focused();
    }

    /** Presses Enter where the focus is. */
    void enter() {
        new Actions(driver).sendKeys(Keys.ENTER).perform();
    }

    /** True if the page is no wider than the window (nothing to scroll sideways but the tables' own boxes). */
    boolean fitsTheWindow() {
        return (Boolean) js("return document.documentElement.scrollWidth <= window.innerWidth;");
    }

    /** The visible text of the first element a selector finds, read in one step ('' if there is none). */
    String text(String css) {
        return (String) js("const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : '';", css);
    }

    /** The visible text of each row of a table's body, read in one step. */
    @SuppressWarnings("unchecked")
    java.util.List<String> rows(String table) {
        return (java.util.List<String>) js("return [...document.querySelectorAll(arguments[0] + ' tbody tr')]"
                + ".map(r => r.innerText);", table);
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
