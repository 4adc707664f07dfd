package org.daqhub.web;

import java.util.Locale;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * Which message headers go back to an HTTP client. Camel would otherwise answer with every header
 * of the exchange: the request's own headers (User-Agent, Accept, Authorization!) and route
 * internals such as path parameters. Only response headers in this list are sent; request headers
 * come in as usual. Set on the platform-http component in config/application.yml.
 */
@org.springframework.stereotype.Component("responseHeaderFilter")
public class ResponseHeaderFilter extends HttpHeaderFilterStrategy {

    private static final Set<String> ALLOWED = Set.of("content-type", "content-encoding", "content-language",
            "content-disposition", "location", "cache-control", "etag", "last-modified", "allow", "retry-after",
            "www-authenticate", "vary",
            // what the float values of GET /detector/{name}/preview are (routes/detector.yaml)
            "x-preview");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        String name = headerName.toLowerCase(Locale.ROOT);
        boolean allowed = ALLOWED.contains(name) || name.startsWith("access-control-");
        return !allowed || super.applyFilterToCamelHeaders(headerName, headerValue, exchange);
    }
}
