package org.daqhub.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Tells people about accounts, off the request thread and best effort (a failure is logged, the
 * sign-up or approval stands): a Slack-compatible webhook ({@code {"text": ...}}) on every sign-up,
 * and an e-mail over SMTP to a user an admin accepted.
 */
public class Notifications {

    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private final String webhook;
    private final JavaMailSender mail;
    private final String from;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param mail null when no SMTP server is configured (spring.mail.host) */
    public Notifications(String webhook, JavaMailSender mail, String from, ObjectMapper json) {
        this.webhook = webhook;
        this.mail = mail;
        this.from = from;
        this.json = json;
    }

    public void signedUp(User user) {
        if (webhook.isBlank()) {
            return;
        }
        String text = "New DAQ Hub user " + user.email() + (user.name() == null ? "" : " (" + user.name() + ")")
                + (user.pending() ? " is waiting for approval: POST /accept {\"email\": \"" + user.email() + "\"}"
                        : " signed up as admin");
        try {
            http.sendAsync(HttpRequest.newBuilder(URI.create(webhook)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("text", text)))).build(),
                    HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                        if (e != null || r.statusCode() / 100 != 2) {
                            LOG.warn("Sign-up webhook for {} failed: {}", user.email(),
                                    e != null ? e.getMessage() : "HTTP " + r.statusCode());
                        }
                    });
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warn("Sign-up webhook for {} not sent: {}", user.email(), e.getMessage());
        }
    }

    public void accepted(User user) {
        if (mail == null) {
            return;
        }
        Thread sender = new Thread(() -> {
            SimpleMailMessage m = new SimpleMailMessage();
            m.setFrom(from);
            m.setTo(user.email());
            m.setSubject("Your DAQ Hub account is ready");
            m.setText("Hello" + (user.name() == null ? "" : " " + user.name()) + ",\n\nan administrator accepted your"
                    + " DAQ Hub account (" + user.email() + "). Log in (POST /login) to get your API token.\n");
            try {
                mail.send(m);
            } catch (RuntimeException e) {
                LOG.warn("Approval e-mail to {} not sent: {}", user.email(), e.getMessage());
            }
        }, "approval-mail");
        sender.setDaemon(true);
        sender.start();
    }
}
