package org.daqhub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.daqhub.support.Browser;
import org.daqhub.support.Http;
import org.daqhub.support.HubProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The console of the packaged hub with auth on, in headless Chromium: the page and its stream are
 * open to all (as /hub/info), the requests card needs a user's token, typed into the page.
 */
class ConsoleAuthProcessIT {

    private static final String ADMIN = "console-admin@example.org";
    private static HubProcess hub;
    private static Http http;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        hub = HubProcess.start("console-auth", List.of("--daqhub.detector.enabled=false", "--daqhub.auth.enabled=true",
                "--daqhub.auth.admin-email=" + ADMIN));
        http = hub.awaitHealthy(Duration.ofSeconds(60)).http();
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void thePageWorksWithoutATokenAndShowsRequestsWithOne() {
        HttpResponse<String> signup = http.postJson("/signup", "{\"email\": \"" + ADMIN + "\", \"password\": \"admin-pass-1\"}");
        assertThat(signup.statusCode()).as(signup.body()).isEqualTo(201);
        String token = Http.json(http.postJson("/login", "{\"email\": \"" + ADMIN + "\", \"password\": \"admin-pass-1\"}"))
                .get("access_token").asText();

        browser.driver().get(http.uri("/hub/").toString());
        awaitSnapshots(2);
        assertThat(text("#requests")).contains("sign in");
        assertThat(text("#hub-health")).isEqualTo("UP");

        browser.driver().findElement(By.id("token")).sendKeys(token);
        browser.driver().findElement(By.cssSelector("#token-form button")).click();
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .untilAsserted(() -> assertThat(text("#requests")).contains("No request is running").contains("submitted"));
        assertThat(browser.errors()).as("JavaScript errors").isEmpty();
        browser.screenshot("console-auth");
    }

    @Test
    void theSnapshotHidesUserSectionsWithoutAToken() {
        HttpResponse<String> open = http.get("/hub/console/snapshot");
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(Http.json(open).at("/sections/requests/hidden").asText()).contains("sign in");
        assertThat(Http.json(open).at("/sections/registry/entries").isNumber()).isTrue();
    }

    private static void awaitSnapshots(int n) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Object shown = browser.script("return document.body.dataset.snapshots;");
            return shown != null && Integer.parseInt(shown.toString()) >= n;
        });
    }

    private static String text(String css) {
        return browser.driver().findElement(By.cssSelector(css)).getText();
    }
}
