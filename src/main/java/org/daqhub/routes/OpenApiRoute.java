package org.daqhub.routes;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Owns the REST DSL's rest-api route (the OpenAPI document at {@code camel.rest.api-context-path}).
 * Camel adds that route to the first builder that declares REST endpoints; creating it here, in
 * Java, keeps it out of the YAML files, so deleting or reloading one of them never removes it.
 */
@Component
public class OpenApiRoute extends RouteBuilder {

    @Override
    public void configure() {
        // The rest-api route comes from populateRests() with the camel.rest.* configuration.
    }
}
