package org.daqhub.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The hub's error shape for endpoints served by Spring MVC controllers, and for Spring's own
 * failures (no handler for a path, wrong method, unreadable body).
 */
@RestControllerAdvice
public class RestErrorAdvice extends ResponseEntityExceptionHandler {

    @ExceptionHandler(HubException.class)
    ResponseEntity<Object> hub(HubException e, HttpServletRequest request) {
        Map<String, Object> body = ErrorBody.of(e.getMessage(), e.status(), request.getRequestURI());
        body.putAll(e.details());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        e.headers().forEach(answer::header);
        return answer.body(body);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String message = e.getCause() instanceof com.fasterxml.jackson.core.JacksonException je
                ? ErrorMessages.malformedJson(je) : "request body could not be read";
        return json(400, message, pathOf(request));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        String path = pathOf(request);
        int status = statusCode.value();
        String message;
        if (status == 404) {
            String method = request instanceof ServletWebRequest swr ? swr.getRequest().getMethod() + " " : "";
            message = "no endpoint at " + method + path;
        } else if (e instanceof ErrorResponse er && er.getBody().getDetail() != null) {
            message = er.getBody().getDetail();
        } else {
            message = statusCode.toString();
        }
        return json(status, message, path);
    }

    private static ResponseEntity<Object> json(int status, String message, String path) {
        Map<String, Object> body = ErrorBody.of(message, status, path);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static String pathOf(WebRequest request) {
        return request instanceof ServletWebRequest swr ? swr.getRequest().getRequestURI() : "";
    }
}
