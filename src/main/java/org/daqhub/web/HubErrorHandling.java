package org.daqhub.web;

import org.apache.camel.Endpoint;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.amqp.AmqpException;
import org.springframework.stereotype.Component;

/**
 * Global route configuration (it has no id, so Camel applies it to every route, including the YAML
 * routes reloaded later): an exception in an exchange that came in over HTTP ends with the hub's
 * JSON error body. Exchanges from other consumers (AMQP, timers, the detector) are left to the
 * default error handler, so a failed message is rejected rather than silently acknowledged; when
 * the broker is away (restarting), their sends to it are retried every second for two minutes
 * instead, so a status or an event is delayed rather than lost.
 */
@Component
public class HubErrorHandling extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        routeConfiguration()
                .onException(AmqpException.class)
                .onWhen(exchange -> !cameOverHttp(exchange))
                .maximumRedeliveries(120)
                .redeliveryDelay(1000)
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .end()
                .onException(Exception.class)
                .onWhen(HubErrorHandling::cameOverHttp)
                .handled(true)
                .process(new ErrorResponder());
    }

    static boolean cameOverHttp(Exchange exchange) {
        Endpoint from = exchange.getFromEndpoint();
        if (from == null) {
            return false;
        }
        String uri = from.getEndpointUri();
        return uri.startsWith("platform-http:") || uri.startsWith("rest:");
    }
}
