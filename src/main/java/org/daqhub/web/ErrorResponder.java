package org.daqhub.web;

import com.fasterxml.jackson.core.JacksonException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the hub's JSON error body for an exception caught in a route. Client mistakes keep their
 * message; anything unexpected is logged with its stack trace and answered with a generic 500 that
 * points at the log by exchange id, so internals never reach the client.
 */
public class ErrorResponder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);

    @Override
    public void process(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int status;
        String message;
        java.util.Map<String, Object> details = java.util.Map.of();
        java.util.Map<String, String> headers = java.util.Map.of();
        HubException hub = find(caught, HubException.class);
        JacksonException json = find(caught, JacksonException.class);
        if (hub != null) {
            status = hub.status();
            message = hub.getMessage();
            details = hub.details();
            headers = hub.headers();
        } else if (Unavailable.describe(caught) != null) {
            status = 503;
            message = Unavailable.describe(caught);
            LOG.warn("Route {} answered 503: {}", exchange.getFromRouteId(), message);
        } else if (json != null) {
            status = 400;
            message = ErrorMessages.malformedJson(json);
        } else if (find(caught, org.apache.camel.InvalidPayloadException.class) != null
                || find(caught, org.apache.camel.NoTypeConversionAvailableException.class) != null) {
            // The body came as something the endpoint cannot read (a form where JSON is expected):
            // the client's media type, not the hub, is at fault.
            status = 415;
            String type = exchange.getIn().getHeader(Exchange.CONTENT_TYPE, String.class);
            message = "this endpoint cannot read a request body of type " + (type == null ? "(none)" : type)
                    + "; send application/json";
        } else {
            status = 500;
            message = "internal error (exchange " + exchange.getExchangeId() + "); the hub log has the details";
            LOG.error("Route {} failed on exchange {}", exchange.getFromRouteId(), exchange.getExchangeId(), caught);
        }
        Message out = exchange.getMessage();
        String path = pathOf(out);
        out.removeHeaders("*");
        headers.forEach(out::setHeader);
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(ErrorBody.json(message, status, path, details));
    }

    private static String pathOf(Message message) {
        String uri = message.getHeader(Exchange.HTTP_URI, String.class);
        if (uri == null) {
            uri = message.getHeader(Exchange.HTTP_PATH, "", String.class);
        }
        int query = uri.indexOf('?');
        return query >= 0 ? uri.substring(0, query) : uri;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable cause = t; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
