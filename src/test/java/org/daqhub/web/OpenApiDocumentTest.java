package org.daqhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.daqhub.support.HubTestSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi.json} of the running hub, read by swagger-parser as client generators read it:
 * valid OpenAPI 3, every operation tagged with its capability, the {@code bearer} scheme described.
 */
class OpenApiDocumentTest extends HubTestSupport {

    @Test
    void theApiDescriptionIsValidAndTaggedPerCapability() {
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(http().get("/openapi.json").body());
        assertThat(result.getMessages()).as("swagger-parser's complaints").isEmpty();
        OpenAPI api = result.getOpenAPI();
        Set<String> tags = new TreeSet<>();
        api.getPaths().forEach((path, item) -> {
            for (Operation operation : item.readOperations()) {
                assertThat(operation.getTags()).as("tags of an operation on %s", path).isNotEmpty();
                tags.addAll(operation.getTags());
            }
        });
        assertThat(tags).contains("registry", "detector", "writer", "event-streams", "requests", "users", "datastore",
                "hub");
        assertThat(api.getComponents().getSecuritySchemes()).containsKey("bearer");
        assertThat(api.getComponents().getSecuritySchemes().get("bearer").getScheme()).isEqualTo("bearer");
    }
}
