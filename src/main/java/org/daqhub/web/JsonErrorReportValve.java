package org.daqhub.web;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error answers (requests refused before they reach the application, such as a URL
 * with an encoded slash) in the hub's JSON error shape instead of Tomcat's HTML page.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String message = response.getMessage();
        if (message == null || message.isBlank()) {
            message = status == 400 ? "bad request (the URL or the headers are not acceptable)" : "HTTP " + status;
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer w = response.getReporter();
            if (w != null) {
                w.write(ErrorBody.json(message, status, request.getDecodedRequestURI() == null ? ""
                        : request.getRequestURI()));
            }
        } catch (IOException | IllegalStateException ignored) {
            // the client went away; nothing more to tell it
        }
    }
}
