package dev.anogan.stream.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.testing.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser, against the running service while patches stream in: live numbers, the alert
 * gallery's pictures, the histogram and the model card; and the images view with whole images published through the
 * broker. Leaves screenshots in target/dashboard.png and target/dashboard-images.png.
 */
@ExtendWith(SharedLiveService.class)
class DashboardBrowserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path SCREENSHOT = Path.of("target", "dashboard.png");
    private static final Path IMAGES_SCREENSHOT = Path.of("target", "dashboard-images.png");
    /** Patches the line keeps sending while the page is open, a few every quarter second. */
    private static final List<Integer> STREAM = Workload.mix(1000, 400, 40, 11);
    private static final int PER_TICK = 4;
    /** Finds the row of the verdict on the image published from file arguments[0] as {@code row}, in page script. */
    private static final String FIND_ROW = "const row = [...document.querySelectorAll('#images tbody tr')]"
            + ".find(r => (r.dataset.imageId || '').startsWith(arguments[0] + '@'));";

    @Test
    void theDashboardShowsLiveNumbersAlertPicturesTheHistogramAndTheModel(LiveService service) throws Exception {
        ScheduledExecutorService line = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        line.scheduleAtFixedRate(() -> {
            int from = next.getAndAdd(PER_TICK) % STREAM.size();
            service.publish(STREAM.subList(from, Math.min(STREAM.size(), from + PER_TICK)));
        }, 0, 250, TimeUnit.MILLISECONDS);
        try (Browser browser = new Browser(1280, 900)) {
            ChromeDriver page = browser.driver();
            page.get(service.url());
            WebDriverWait wait = new WebDriverWait(page, TIMEOUT);
            wait.until(d -> number(d, "throughput") > 0 && number(d, "count-normal") > 0
                    && number(d, "count-anomalous") > 0 && number(d, "latency-p99") >= 0);
            wait.until(d -> Boolean.TRUE.equals(page.executeScript(
                    "const imgs = [...document.querySelectorAll('#alerts img')];"
                            + "return imgs.length >= 3 && imgs.every(i => i.complete && i.naturalWidth > 0);")));
            long painted = (Long) page.executeScript(
                    "const c = document.getElementById('histogram');"
                            + "const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                            + "let n = 0; for (let i = 3; i < px.length; i += 4) { if (px[i] > 0) n++; } return n;");
            assertTrue(painted > 1000, "histogram canvas has only " + painted + " painted pixels");

            assertTrue(page.findElement(By.id("model-method")).getText().startsWith(LiveService.METHOD));
            assertEquals(String.format(Locale.ROOT, "%.4f", manifestAuroc(service)),
                    page.findElement(By.id("model-auroc")).getText());
            assertTrue(page.findElement(By.id("model-knn")).getText().startsWith("AUROC 0."),
                    "the model card shows the kNN-5 baseline beside the method");
            assertTrue(page.findElement(By.id("model-fpr-interval")).getText().contains("calibration patches beyond"));
            assertEquals("live", page.findElement(By.id("feed-status")).getText());

            Files.createDirectories(SCREENSHOT.getParent());
            Files.write(SCREENSHOT, page.getScreenshotAs(OutputType.BYTES));
        } finally {
            line.shutdownNow();
            line.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theImagesViewShowsTheLatestVerdictsAndTheSelectedImageWithItsOverlay(LiveService service,
                                                                               @TempDir Path folder) throws Exception {
        ImageScans scans = ImageScans.write(folder, "dashboard", service.scorer());
        scans.publish(service);
        try (Browser browser = new Browser(1280, 1400)) {
            ChromeDriver page = browser.driver();
            page.get(service.url());
            WebDriverWait wait = new WebDriverWait(page, TIMEOUT);
            // rows as text, never as elements: the list is redrawn whenever a verdict comes in
            List<String> defect = wait.until(d -> row(page, "defect-dashboard.png"));
            List<String> normal = wait.until(d -> row(page, "normal-dashboard.png"));
            assertTrue(defect.get(0).contains("complete") && defect.get(0).contains("4/4"), defect.get(0));
            assertEquals("anomalous", defect.get(1));
            assertEquals("normal", normal.get(1));

            click(page, "defect-dashboard.png");
            wait.until(d -> d.findElement(By.id("image-name")).getText().startsWith("defect-dashboard.png@")
                    && loaded(page, "image-overlay") && loaded(page, "image-picture") && loaded(page, "image-map"));
            assertEquals(56L, page.executeScript("return document.getElementById('image-overlay').naturalWidth;"));
            assertEquals("anomalous", page.findElement(By.id("image-verdict")).getText());
            assertTrue(page.findElement(By.id("image-patches")).getText().startsWith("(28, 28) 28×28: "),
                    page.findElement(By.id("image-patches")).getText());
            assertTrue(page.findElement(By.id("image-score")).getText().contains("patch threshold"));
            page.executeScript("document.getElementById('images-panel').scrollIntoView();");
            Files.createDirectories(IMAGES_SCREENSHOT.getParent());
            Files.write(IMAGES_SCREENSHOT, page.getScreenshotAs(OutputType.BYTES));

            click(page, "normal-dashboard.png");
            wait.until(d -> d.findElement(By.id("image-name")).getText().startsWith("normal-dashboard.png@")
                    && loaded(page, "image-overlay"));
            assertEquals("normal", page.findElement(By.id("image-verdict")).getText());
            assertEquals("none", page.findElement(By.id("image-patches")).getText());
        }
    }

    /** The text of the row of the image published from {@code file} and of its verdict cell; null while none. */
    @SuppressWarnings("unchecked")
    private static List<String> row(ChromeDriver page, String file) {
        return (List<String>) page.executeScript(FIND_ROW
                + "return row ? [row.innerText, row.querySelector('td.verdict').textContent] : null;", file);
    }

    /** Clicks the row of the image published from {@code file}. */
    private static void click(ChromeDriver page, String file) {
        assertEquals(Boolean.TRUE, page.executeScript(FIND_ROW + "if (row) { row.click(); } return !!row;", file));
    }

    private static boolean loaded(ChromeDriver page, String imageId) {
        return Boolean.TRUE.equals(page.executeScript("const i = document.getElementById(arguments[0]);"
                + "return i.complete && i.naturalWidth > 0;", imageId));
    }

    private static double manifestAuroc(LiveService service) {
        return service.api().getJson("/api/model").at("/method/evaluation/auroc").doubleValue();
    }

    private static double number(WebDriver page, String id) {
        String text = page.findElement(By.id(id)).getText().replace(",", "");
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
