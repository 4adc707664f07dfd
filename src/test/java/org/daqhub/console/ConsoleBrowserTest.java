package org.daqhub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.daqhub.processors.receive.DetectorDefinition;
import org.daqhub.processors.receive.DetectorDefinitions;
import org.daqhub.processors.receive.ExpectedImage;
import org.daqhub.tools.simulator.DetectorSimulator;
import org.daqhub.tools.simulator.SimulatorOptions;
import org.daqhub.support.Browser;
import org.daqhub.support.Http;
import org.daqhub.support.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The operator console at /hub/ in headless Chromium, against the running hub: it loads without
 * JavaScript errors, its numbers move while the simulator sends, the preview canvas shows the
 * simulator's pattern, and a broken routes file shows its error. Screenshots in target/screenshots.
 */
class ConsoleBrowserTest extends HubTestSupport {

    private static Browser browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void thePageLoadsLiveWithoutJavaScriptErrors() {
        open();
        assertThat(text("#hub-health")).isEqualTo("UP");
        assertThat(text("#capabilities")).contains("detector", "registry", "event-streams", "datastore");
        // other tests of this hub may have frozen the batch: the card shows whatever the datastore says
        assertThat(text("#datastore")).contains(Http.json(http().get("/datastore/desc")).get("resp").asText());
        assertThat(text("#routes")).contains("hub.yaml", "detector.yaml");
        assertThat(browser.errors()).as("JavaScript errors").isEmpty();
        browser.screenshot("console");
    }

    @Test
    void detectorNumbersMoveWhileTheSimulatorSendsAndThePreviewShowsItsPattern() throws Exception {
        open();
        DetectorDefinition d = DetectorDefinitions.load(DETECTORS_DIR.resolve("jungfrau-sim.json"));
        JsonNode info = Http.json(http().get("/detectors")).at("/detectors/jungfrau-sim");
        String before = text("[data-detector='jungfrau-sim']");
        long firstFrame = 700_000;
        new DetectorSimulator(d, SimulatorOptions.defaults().withPort(info.at("/udp_ports/0").asInt())
                .withFrames(5, 50).withFirstFrame(firstFrame)).run();
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> {
            assertThat(text("[data-detector='jungfrau-sim']")).isNotEqualTo(before);
            String shown = browser.driver().findElement(By.cssSelector("[data-preview='jungfrau-sim']"))
                    .getDomAttribute("data-image-id");
            assertThat(shown).isNotNull();
            assertThat(Long.parseLong(shown)).isGreaterThanOrEqualTo(firstFrame);
        });
        WebElement preview = browser.driver().findElement(By.cssSelector("[data-preview='jungfrau-sim']"));
        preview.findElement(By.xpath(".//button[text()='pause']")).click();
        // grey, linear, fixed 0..16383 (Jungfrau's 14 ADC bits): grey level = mean / 16383 * 255
        setValue(preview, "input[title='fixed minimum']", "0");
        setValue(preview, "input[title='fixed maximum']", "16383");
        long imageId = Long.parseLong(preview.getDomAttribute("data-image-id"));
        long[] expected = ExpectedImage.of(d, imageId, null);
        @SuppressWarnings("unchecked")
        List<Long> size = (List<Long>) browser.script(
                "const c = arguments[0]; return [c.width, c.height];", preview.findElement(By.cssSelector("canvas.image")));
        int width = size.get(0).intValue();
        int bin = d.imageWidth() / width;
        assertThat(bin).isEqualTo(2);
        for (int[] at : new int[][] {{0, 0}, {10, 300}, {255, 17}, {256, 400}, {500, 511}}) {
            int y = at[0];
            int x = at[1];
            double sum = 0;
            for (int dy = 0; dy < bin; dy++) {
                for (int dx = 0; dx < bin; dx++) {
                    sum += expected[(y * bin + dy) * d.imageWidth() + x * bin + dx];
                }
            }
            long grey = (Long) browser.script("return arguments[0].getContext('2d').getImageData(arguments[1], arguments[2], 1, 1).data[0];",
                    preview.findElement(By.cssSelector("canvas.image")), x, y);
            assertThat((double) grey).as("canvas pixel (%d, %d) of image %d", y, x, imageId)
                    .isCloseTo(sum / (bin * bin) / 16383 * 255, org.assertj.core.data.Offset.offset(1.0));
        }
        assertThat(browser.errors()).as("JavaScript errors").isEmpty();
        browser.screenshot("console-preview");
    }

    @Test
    void aBrokenRoutesEditShowsItsErrorOnThePage() throws Exception {
        open();
        Path broken = ROUTES_DIR.resolve("console-broken.yaml");
        Files.writeString(broken, "- route:\n    id: console-broken\n    from:\n      uri: timer:x\n      steps:\n"
                + "        - nosuchstep: {}\n");
        try {
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> assertThat(
                    text("details[data-file='console-broken.yaml'] .route-error")).contains("nosuchstep"));
            assertThat(text("details[data-file='console-broken.yaml'] summary")).contains("edit refused");
            browser.screenshot("console-route-error");
        } finally {
            Files.delete(broken);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.driver()
                .findElements(By.cssSelector("details[data-file='console-broken.yaml']")).isEmpty());
    }

    private void open() {
        browser.driver().get("http://127.0.0.1:" + port + "/hub/");
        // two snapshots: the first at once, the next pushed by the stream
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            Object n = browser.script("return document.body.dataset.snapshots;");
            return n != null && Integer.parseInt(n.toString()) >= 2;
        });
    }

    private static String text(String css) {
        return browser.driver().findElement(By.cssSelector(css)).getText();
    }

    private static void setValue(WebElement root, String css, String value) {
        WebElement input = root.findElement(By.cssSelector(css));
        browser.script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", input, value);
    }
}
