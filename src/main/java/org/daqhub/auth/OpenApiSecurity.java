package org.daqhub.auth;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.openapi.OpenApiRestApiProcessorFactory;
import org.apache.camel.spi.RestApiProcessorFactory;
import org.apache.camel.spi.RestConfiguration;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Camel's OpenAPI document, with the access of the verbs ({@link VerbAccess}) as the running hub
 * applies it, in OpenAPI's terms: the {@code bearer} scheme (an HTTP bearer JWT) is described once;
 * a verb declared {@code open}, of a capability in {@code daqhub.auth.open-capabilities}, or of any
 * capability while auth is off gets {@code security: []} (no token needed); a verb that declares
 * nothing gets the user requirement it is enforced with. Camel uses this factory because it is the
 * only one in the registry.
 */
public class OpenApiSecurity implements RestApiProcessorFactory {

    private final RestApiProcessorFactory camel = new OpenApiRestApiProcessorFactory();
    private final ObjectMapper json;
    private final boolean enabled;
    private final VerbAccess verbs;

    /** @param enabled daqhub.auth.enabled: off, every operation is open */
    public OpenApiSecurity(ObjectMapper json, boolean enabled, VerbAccess verbs) {
        this.json = json;
        this.enabled = enabled;
        this.verbs = verbs;
    }

    @Override
    public Processor createApiProcessor(CamelContext context, String contextPath, RestConfiguration configuration,
            Map<String, Object> parameters) throws Exception {
        return new DocumentProcessor(camel.createApiProcessor(context, contextPath, configuration, parameters));
    }

    /** Camel's processor, started and stopped with the route as Camel would, then the rewrite. */
    private final class DocumentProcessor extends ServiceSupport implements Processor, CamelContextAware {

        private final Processor document;
        private CamelContext context;

        DocumentProcessor(Processor document) {
            this.document = document;
        }

        @Override
        public void process(Exchange exchange) throws Exception {
            document.process(exchange);
            rewrite(exchange);
        }

        @Override
        public CamelContext getCamelContext() {
            return context;
        }

        @Override
        public void setCamelContext(CamelContext context) {
            this.context = context;
            CamelContextAware.trySetCamelContext(document, context);
        }

        @Override
        protected void doInit() throws Exception {
            ServiceHelper.initService(document);
        }

        @Override
        protected void doStart() throws Exception {
            ServiceHelper.startService(document);
        }

        @Override
        protected void doStop() throws Exception {
            ServiceHelper.stopService(document);
        }
    }

    /**
     * OpenAPI requires a description on every response; Camel writes its {@code default} response
     * without one, which client generators and validators refuse.
     */
    private static void describeResponses(ObjectNode operation) {
        operation.path("responses").fields().forEachRemaining(response -> {
            if (response.getValue() instanceof ObjectNode r && !r.hasNonNull("description")) {
                r.put("description", "default".equals(response.getKey())
                        ? "The answer; a failure is a 4xx or 5xx in the hub's JSON error shape"
                        : "HTTP " + response.getKey());
            }
        });
    }

    private void rewrite(Exchange exchange) throws Exception {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body == null || body.length == 0 || body[0] != '{') {
            return; // YAML, or an error: left as Camel wrote it
        }
        JsonNode root = json.readTree(body);
        if (!(root instanceof ObjectNode doc)) {
            return;
        }
        for (JsonNode path : doc.path("paths")) {
            for (JsonNode operation : path) {
                if (operation instanceof ObjectNode op) {
                    ArrayNode security = op.withArrayProperty("security");
                    boolean open = !enabled;
                    for (JsonNode tag : op.path("tags")) {
                        open |= verbs.opens(tag.asText());
                    }
                    for (JsonNode requirement : security) {
                        open |= requirement.has(VerbAccess.OPEN_KEY);
                    }
                    if (open) {
                        security.removeAll();
                    } else if (security.isEmpty()) {
                        security.addObject().putArray(VerbAccess.BEARER_KEY).add(Access.USER.label());
                    }
                    describeResponses(op);
                }
            }
        }
        ObjectNode scheme = doc.withObjectProperty("components").withObjectProperty("securitySchemes").putObject(VerbAccess.BEARER_KEY);
        scheme.put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
                .put("description", "An access token (POST /token/refresh with the API token from POST /login);"
                        + " the scope says whether a user or an admin is needed");
        exchange.getMessage().setBody(json.writeValueAsBytes(doc));
    }
}
