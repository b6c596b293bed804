package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sca.it.TestPhone.Request;

/**
 * The operator's page in Debian's chromium (headless, through chromedriver): it follows an
 * incoming call on the call line, alerting, active, held and idle, each within one second of
 * the phones' NOTIFY and without a reload; the filter narrows the lines; a screenshot is kept
 * as target/operator-page.png.
 */
class OperatorPageIT extends LineFixture {

    /** The page's promise: a change shows within a second. */
    static final Duration LIVE = Duration.ofSeconds(1);
    /** The first load: the browser starting, the page, its script and the event stream. */
    static final Duration FIRST_LOAD = Duration.ofSeconds(20);
    static final Path SCREENSHOT = Path.of("target/operator-page.png");

    private ChromeDriver browser;

    static Optional<Path> installed(String command) {
        return Stream.of("/usr/bin/", "/usr/lib/chromium/").map(dir -> Path.of(dir + command)).filter(Files::isExecutable).findFirst();
    }

    ChromeDriver start() throws IOException {
        Optional<Path> chromium = installed("chromium");
        Optional<Path> driver = installed("chromedriver");
        assumeTrue(chromium.isPresent() && driver.isPresent(),
                "SKIPPED: the operator's page test needs Debian's chromium and chromium-driver"
                        + " (integration-tests/tools/install-test-tools.sh installs them as root)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1100,560", "--user-data-dir=" + Files.createTempDirectory("sca-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile()).usingAnyFreePort().build();
        ChromeDriver started = new ChromeDriver(service, options);
        // Every request of the page carries the operator's Basic credentials, as after a login.
        started.executeCdpCommand("Network.enable", Map.of());
        started.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Authorization", AdminClient.basic(Container.ADMIN_USER, Container.ADMIN_PASSWORD))));
        return started;
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    static By key(int index) {
        return By.cssSelector("section[data-line='calls'] .key[data-index='" + index + "']");
    }

    /**
     * A wait on the page that finds its elements again each time: the page redraws a line's
     * section at each event, so an element found may be replaced before it is read (a
     * StaleElementReferenceException, seen once in a full run).
     */
    WebDriverWait pageWait(Duration within) {
        WebDriverWait wait = new WebDriverWait(browser, within);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** What the page shows now, read again if the element was redrawn meanwhile. */
    String read(Function<WebDriver, String> what) {
        return pageWait(LIVE).until(what);
    }

    /** Waits until key 1 of the call line shows {@code state}. */
    void keyShows(String state, Duration within) {
        pageWait(within).withMessage(() -> "key 1 " + state + "; page:\n" + browser.findElement(By.id("lines")).getText())
                .until(b -> state.equals(b.findElement(key(1)).getAttribute("data-state")));
    }

    @Test
    void thePageFollowsACallWithoutReloading() throws IOException {
        browser = start();
        browser.get(sca.toString());
        keyShows("idle", FIRST_LOAD);
        pageWait(LIVE).until(b -> b.findElement(By.id("live")).getText().equals("live"));
        String line = read(b -> b.findElement(By.cssSelector("section[data-line='calls']")).getText());
        assertTrue(line.contains("desk-a") && line.contains("desk-b"), "both phones registered:\n" + line);

        Request invite = pbxInvite();
        SipMessage[] rung = ring(invite);
        keyShows("alerting", LIVE);
        assertTrue(read(b -> b.findElement(key(1)).getText()).contains("4164542289"), "the caller on the key");
        SipMessage atPbx = answerAtA(invite, rung[0], rung[1]);
        keyShows("active", LIVE);
        assertEquals("idle", read(b -> b.findElement(key(2)).getAttribute("data-state")));

        browser.findElement(By.id("filter")).sendKeys("call_line");
        pageWait(LIVE).until(b -> b.findElement(By.id("summary")).getText().startsWith("1 of "));
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));

        Answered call = new Answered(invite, rung[0], atPbx);
        holdAtA(call, false, "held");
        keyShows("held", LIVE);
        pbxHangsUp(call, a);
        keyShows("idle", LIVE);
        assertEquals(List.of(), browser.findElements(By.cssSelector("section[data-line='calls'] button[data-release]")),
                "no release button on an idle line");
    }
}
