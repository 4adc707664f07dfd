package org.daqhub.web;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's whitelabel page: whatever reaches the servlet container's error dispatch
 * (a filter failure, {@code response.sendError} from a Camel consumer) is answered in the hub's
 * JSON error shape, never as HTML and never with a stack trace.
 */
@RestController
public class JsonErrorController implements ErrorController {

    @RequestMapping(path = "${server.error.path:/error}", produces = MediaType.ALL_VALUE)
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri != null ? uri.toString() : request.getRequestURI();
        HttpStatus resolved = HttpStatus.resolve(status);
        String message = switch (status) {
            case 404 -> "no endpoint at " + path;
            case 500 -> "internal error; the hub log has the details";
            default -> resolved != null ? resolved.getReasonPhrase() : "error " + status;
        };
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorBody.of(message, status, path));
    }
}
