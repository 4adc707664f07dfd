package org.daqhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
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

    /**
     * Capabilities whose answers are all typed: each of their operations describes what it answers
     * (a record's schema, or a string for pages and text answers) and, if it takes a body, what body.
     * The set grows as each capability's answers become records.
     */
    private static final Set<String> DESCRIBED = Set.of("registry", "datastore", "event-streams", "users", "hub",
            "requests", "detector", "writer");

    /** POST and PUT operations of those capabilities that take no body. */
    private static final Set<String> BODILESS = Set.of("/token/refresh", "/servicex/internal/transformation/{id}/start",
            "/detector/{name}/stats/reset");

    @Test
    void everyOperationOfADescribedCapabilityHasRequestAndResponseSchemas() {
        OpenAPI api = new OpenAPIV3Parser().readContents(http().get("/openapi.json").body()).getOpenAPI();
        List<String> missing = new java.util.ArrayList<>();
        Set<String> seen = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (operation.getTags().stream().noneMatch(DESCRIBED::contains)) {
                return;
            }
            seen.add(operation.getTags().get(0));
            String name = method + " " + path;
            boolean bodiless = operation.getResponses().keySet().stream()
                    .anyMatch(code -> code.startsWith("3") || code.equals("204"));
            boolean answered = bodiless || operation.getResponses().entrySet().stream()
                    .filter(r -> r.getKey().startsWith("2") && r.getValue().getContent() != null)
                    .flatMap(r -> r.getValue().getContent().values().stream())
                    .anyMatch(media -> media.getSchema() != null);
            if (!answered) {
                missing.add(name + ": no response schema");
            }
            boolean takesBody = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT;
            if (takesBody && !BODILESS.contains(path) && (operation.getRequestBody() == null
                    || operation.getRequestBody().getContent().values().stream().anyMatch(m -> m.getSchema() == null))) {
                missing.add(name + ": no request schema");
            }
        }));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(DESCRIBED);
        assertThat(missing).isEmpty();
        Schema<?> archive = api.getComponents().getSchemas().get("DatastoreArchive");
        assertThat(archive.getProperties()).containsOnlyKeys("name", "nmlist");
        assertThat(api.getComponents().getSchemas().get("DatastoreTraining").getProperties())
                .containsOnlyKeys("resp", "n_f", "bt_wrt");
        Schema<?> strain = api.getComponents().getSchemas().get("StrainDocument");
        Schema<?> timing = (Schema<?>) strain.getProperties().get("t");
        assertThat(timing.getMinItems()).isEqualTo(2);
        assertThat(timing.getMaxItems()).isEqualTo(2);
        assertThat(api.getComponents().getSchemas().get("RequestStatus").getProperties()).containsOnlyKeys("status",
                "request-id", "submit-time", "finish-time", "files-processed", "files-skipped", "files-remaining",
                "stats");
        assertThat(api.getComponents().getSchemas().get("DetectorStatistics").getProperties()).containsKeys(
                "packets_received", "packets_lost", "udp_ports", "buffer", "modules").doesNotContainKey("steps");
        assertThat(api.getComponents().getSchemas().get("WorkerFileComplete").getRequired())
                .containsExactlyInAnyOrder("file-id", "status");
    }

    /** Bodies read as typed records (JsonBodies) are described by those records: fields and required ones. */
    @Test
    void typedRequestBodiesHaveTheirRecordsSchemas() {
        OpenAPI api = new OpenAPIV3Parser().readContents(http().get("/openapi.json").body()).getOpenAPI();
        assertRequestSchema(api, "/publish", "post", Set.of("partition", "connections"));
        assertRequestSchema(api, "/getconnection/{partition}", "post", Set.of("uid_regex", "data_type"));
        assertRequestSchema(api, "/retract", "post", Set.of("partition", "connections"));
        assertRequestSchema(api, "/datastore/train", "post", Set.of("user", "token"));
        assertRequestSchema(api, "/datastore/cleanbuf", "post", Set.of("msg"));
        assertRequestSchema(api, "/event-stream/", "post", Set.of("routing_key"));
        assertRequestSchema(api, "/signup", "post", Set.of("email", "password"));
        assertRequestSchema(api, "/login", "post", Set.of("email", "password"));
        assertRequestSchema(api, "/accept", "post", Set.of("email"));
        assertRequestSchema(api, "/servicex/transformation", "post", Set.of());
        assertThat(requestSchema(api, "/servicex/transformation", "post").getProperties())
                .containsKeys("did", "file-list", "columns", "selection", "workers", "result-destination");
        Schema<?> answer = api.getPaths().get("/getconnection/{partition}").getPost().getResponses().get("200")
                .getContent().values().iterator().next().getSchema();
        assertThat(answer.getType()).as("a lookup answers a list").isEqualTo("array");
        assertThat(answer.getItems().get$ref()).endsWith("/PublishedConnection");
        Schema<?> item = api.getComponents().getSchemas().get("PublishedConnection");
        assertThat(item.getProperties()).containsKeys("uid", "uri", "data_type", "connection_type", "capacity");
        assertThat(item.getRequired()).containsExactlyInAnyOrder("data_type", "connection_type");
    }

    private static void assertRequestSchema(OpenAPI api, String path, String method, Set<String> required) {
        Schema<?> schema = requestSchema(api, path, method);
        assertThat(schema.getProperties()).as(method + " " + path).isNotEmpty();
        assertThat(schema.getProperties().keySet()).as(method + " " + path).containsAll(required);
        assertThat(schema.getRequired() == null ? List.<String>of() : schema.getRequired())
                .as("required fields of " + method + " " + path).containsExactlyInAnyOrderElementsOf(required);
    }

    private static Schema<?> requestSchema(OpenAPI api, String path, String method) {
        Operation operation = api.getPaths().get(path).readOperationsMap()
                .get(io.swagger.v3.oas.models.PathItem.HttpMethod.valueOf(method.toUpperCase()));
        assertThat(operation.getRequestBody()).as(method + " " + path + " has a request body").isNotNull();
        Schema<?> schema = operation.getRequestBody().getContent().values().iterator().next().getSchema();
        return schema.get$ref() == null ? schema
                : api.getComponents().getSchemas().get(schema.get$ref().replace("#/components/schemas/", ""));
    }
}
