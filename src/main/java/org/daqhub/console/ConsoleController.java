package org.daqhub.console;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.daqhub.auth.AccessGuard;
import org.daqhub.web.HubException;
import org.daqhub.web.Problem;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The console's data: {@code GET /hub/console/snapshot} once (JSON), {@code GET /hub/console/stream}
 * live (Server-Sent Events). Spring MVC rather than a Camel REST verb because a stream that stays
 * open for hours is not one exchange. Open like {@code /hub/info}; the sections whose own REST
 * verbs need a user are filled only when the request carries a user's token (with auth on).
 */
@RestController
public class ConsoleController {

    private final ConsoleSnapshot snapshots;
    private final ConsoleStream stream;
    private final AccessGuard guard;

    public ConsoleController(ConsoleSnapshot snapshots, ConsoleStream stream, ObjectProvider<AccessGuard> guard) {
        this.snapshots = snapshots;
        this.stream = stream;
        this.guard = guard.getIfAvailable();
    }

    @GetMapping(path = "/hub/console/snapshot", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> snapshot(HttpServletRequest request) {
        Map<String, Object> s = snapshots.take(admitsUser(request));
        s.put("console", stream.statistics());
        return s;
    }

    @GetMapping(path = "/hub/console/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(HttpServletRequest request) throws IOException {
        SseEmitter emitter = stream.open(admitsUser(request));
        if (emitter == null) {
            throw new HubException(Problem.UNAVAILABLE, "the console has as many open pages as daqhub.console.max-pages allows; "
                    + "close one or raise it");
        }
        return emitter;
    }

    private boolean admitsUser(HttpServletRequest request) {
        return guard == null || guard.admitsUser(request);
    }
}
