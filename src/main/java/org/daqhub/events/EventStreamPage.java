package org.daqhub.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.daqhub.web.HubException;

/** {@code GET /event-stream/watch/{uuid}}: a plain HTML and JavaScript page showing a stream live. */
public class EventStreamPage {

    private static final Pattern UUID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final String template;
    private final String basePath;

    public EventStreamPage(String basePath) {
        this.basePath = basePath;
        try (InputStream in = EventStreamPage.class.getResourceAsStream("/events/watch.html")) {
            this.template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String page(String uuid) {
        if (uuid == null || !UUID.matcher(uuid).matches()) {
            throw HubException.badRequest("'" + uuid + "' is not a stream uuid");
        }
        return template.replace("{{uuid}}", uuid).replace("{{basePath}}", basePath);
    }
}
