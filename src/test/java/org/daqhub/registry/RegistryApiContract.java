package org.daqhub.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.support.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The connection service's API as its clients use it, over HTTP against the running hub. Run
 * against the in-memory store (embedded default) and against Redis (services profile). Every test
 * uses its own partitions, since the hub is shared. The hub under test has ENTRY_TTL = 2 s.
 */
@Timeout(60)
public interface RegistryApiContract {

    Http http();

    /** The seed README's publish.json, verbatim. */
    String SEED_PUBLISH = """
            {
             "connections":[
              {
               "connection_type":0,
               "data_type":"TPSet",
               "uid":"DRO-000-tp_to_trigger",
               "uri":"tcp://192.168.1.100:1234"
              },
              {
               "connection_type":0,
               "data_type":"TPSet",
               "uid":"DRO-001-tp_to_trigger",
               "uri":"tcp://192.168.1.100:1235"
              }
             ],
             "partition":"ccTest"
            }
            """;

    @Test
    default void seedReadmeExampleRunsVerbatim() {
        HttpResponse<String> published = http().postJson("/publish", SEED_PUBLISH);
        assertThat(published.statusCode()).isEqualTo(200);
        assertThat(published.body()).isEqualTo("OK");
        HttpResponse<String> found = http().postJson("/getconnection/ccTest",
                "{\"uid_regex\":\"DRO.*\",\"data_type\":\"TPSet\"}");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(found.body()).isEqualTo("[{\"uid\":\"DRO-000-tp_to_trigger\",\"uri\":\"tcp://192.168.1.100:1234\","
                + "\"connection_type\":0,\"data_type\":\"TPSet\"},{\"uid\":\"DRO-001-tp_to_trigger\","
                + "\"uri\":\"tcp://192.168.1.100:1235\",\"connection_type\":0,\"data_type\":\"TPSet\"}]");
    }

    @Test
    default void publishMergesKeepingPositionAndRefreshingEntries() {
        String p = partition();
        publish(p, entry("a", "tcp://h:1", "T", 0) + "," + entry("b", "tcp://h:2", "T", 0));
        publish(p, entry("c", "tcp://h:3", "T", 1) + "," + entry("b", "tcp://h:22", "T", 0));
        assertThat(lookup(p, ".*", "T")).isEqualTo("[" + found("a", "tcp://h:1", 0, "T") + ","
                + found("b", "tcp://h:22", 0, "T") + "," + found("c", "tcp://h:3", 1, "T") + "]");
    }

    @Test
    default void itemsWithoutUidOrUriAreSkippedAndEmptyPublishCreatesThePartition() {
        String p = partition();
        publish(p, "{\"uid\":\"x\",\"data_type\":\"T\",\"connection_type\":0}," + entry("y", "tcp://y", "T", 0));
        assertThat(lookup(p, ".*", "T")).isEqualTo("[" + found("y", "tcp://y", 0, "T") + "]");
        String empty = partition();
        publish(empty, "");
        assertThat(lookup(empty, ".*", "T")).isEqualTo("[]");
    }

    @Test
    default void lookupMatchesTheWholeUidAndTheExactDataType() {
        String p = partition();
        publish(p, entry("DRO-1", "tcp://a", "TPSet", 0) + "," + entry("DRO-2", "tcp://b", "Other", 0)
                + "," + entry("XDRO-3", "tcp://c", "TPSet", 0));
        assertThat(lookup(p, "DRO", "TPSet")).isEqualTo("[]");
        assertThat(lookup(p, "DRO-.*", "TPSet")).isEqualTo("[" + found("DRO-1", "tcp://a", 0, "TPSet") + "]");
        assertThat(lookup(p, "DRO-.*", "tpset")).isEqualTo("[]");
    }

    @Test
    default void capacityAndEscapingInTheAnswer() {
        String p = partition();
        publish(p, "{\"uid\":\"q\\\"uote\",\"uri\":\"tcp://h:1\\\\x\",\"data_type\":\"T\",\"connection_type\":2,"
                + "\"capacity\":1000}");
        String body = lookup(p, ".*", "T");
        assertThat(body).isEqualTo("[{\"uid\":\"q\\\"uote\",\"uri\":\"tcp://h:1\\\\x\",\"connection_type\":2,"
                + "\"data_type\":\"T\",\"capacity\":1000}]");
        JsonNode parsed = Http.json(http().postJson("/getconnection/" + p, "{\"uid_regex\":\".*\",\"data_type\":\"T\"}"));
        assertThat(parsed.get(0).get("uid").asText()).isEqualTo("q\"uote");
    }

    @Test
    default void getWithAJsonBodyLooksUpToo() {
        String p = partition();
        publish(p, entry("g", "tcp://g", "T", 0));
        HttpResponse<String> r = http().send(HttpRequest.newBuilder(http().uri("/getconnection/" + p))
                .header("Content-Type", "application/json")
                .method("GET", HttpRequest.BodyPublishers.ofString("{\"uid_regex\":\"g\",\"data_type\":\"T\"}")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("[" + found("g", "tcp://g", 0, "T") + "]");
    }

    @Test
    default void unknownPartitionIs404() {
        HttpResponse<String> r = http().postJson("/getconnection/" + partition(),
                "{\"uid_regex\":\".*\",\"data_type\":\"T\"}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(Http.json(r).get("error").asText()).endsWith("not found");
    }

    @Test
    default void retractRemovesKnownIdsAndNamesUnknownOnes() {
        String p = partition();
        publish(p, entry("a", "tcp://a", "T", 0) + "," + entry("b", "tcp://b", "T", 0));
        HttpResponse<String> r = http().postJson("/retract", "{\"partition\":\"" + p + "\",\"connections\":"
                + "[{\"connection_id\":\"a\",\"data_type\":\"T\"},{\"connection_id\":\"zz\",\"data_type\":\"T\"}]}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(Http.json(r).get("error").asText()).contains("zz").doesNotContain("a,");
        assertThat(lookup(p, ".*", "T")).isEqualTo("[" + found("b", "tcp://b", 0, "T") + "]");
        assertThat(http().postJson("/retract", "{\"partition\":\"" + p + "\",\"connections\":"
                + "[{\"connection_id\":\"b\",\"data_type\":\"T\"}]}").body()).isEqualTo("OK");
        assertThat(http().postJson("/getconnection/" + p, "{\"uid_regex\":\".*\",\"data_type\":\"T\"}")
                .statusCode()).as("the last entry took the partition with it").isEqualTo(404);
        assertThat(http().postJson("/retract", "{\"partition\":\"" + p + "\",\"connections\":[]}").statusCode())
                .isEqualTo(404);
    }

    @Test
    default void retractPartitionTakesFormOrJson() {
        String a = partition();
        String b = partition();
        publish(a, entry("x", "tcp://x", "T", 0));
        publish(b, entry("x", "tcp://x", "T", 0));
        assertThat(http().post("/retract-partition", "application/x-www-form-urlencoded", "partition=" + a).body())
                .isEqualTo("OK");
        assertThat(http().postJson("/retract-partition", "{\"partition\":\"" + b + "\"}").body()).isEqualTo("OK");
        assertThat(http().postJson("/getconnection/" + a, "{\"uid_regex\":\".*\",\"data_type\":\"T\"}").statusCode())
                .isEqualTo(404);
        assertThat(http().post("/retract-partition", "application/x-www-form-urlencoded", "partition=" + a)
                .statusCode()).isEqualTo(404);
        assertThat(http().post("/retract-partition", "application/x-www-form-urlencoded", "").statusCode())
                .isEqualTo(400);
    }

    @Test
    default void entriesOlderThanTheTtlAreLeftOut() {
        String p = partition();
        publish(p, entry("old", "tcp://o", "T", 0));
        assertThat(lookup(p, ".*", "T")).contains("old");
        await().atMost(Duration.ofSeconds(10)).until(() -> lookup(p, ".*", "T").equals("[]"));
        publish(p, entry("old", "tcp://o", "T", 0));
        assertThat(lookup(p, ".*", "T")).as("a heartbeat brings it back").contains("old");
    }

    @Test
    default void statusPagesInTheOriginalsWordsAndProbes() {
        String p = partition();
        http().get("/resetStats");
        publish(p, entry("paged", "tcp://p", "T", 0) + "," + entry("other", "tcp://o", "T", 0));
        publish(p, entry("third", "tcp://t", "T", 0));
        assertThat(lookup(p, ".*", "T")).contains("paged");
        String page = http().get("/").body();
        assertThat(page).startsWith("<h1>Dump of configuration dictionary</h1><h2>Active partitions</h2><p><table")
                .contains(">Partition</th>").contains("<h2>Partitions</h2>").contains("<h3>" + p + "</h3>")
                .contains(">paged</td>").contains(">uri (resolved)</th>").contains("<hr><h2>Server statistics</h2>");
        String stats = http().get("/stats").body();
        // the lines the original's users read, word for word (as connectivityserver prints them)
        assertThat(stats).startsWith("<h1>Connection server statistics</h1><p>Since ")
                .containsPattern("<p>2 calls to publish in total time \\d+:\\d\\d:\\d\\d(\\.\\d{6})? "
                        + "\\(average \\d+ &micro;s per call\\)</p>")
                .containsPattern("<p>1 calls to lookup in total time \\d+:\\d\\d:\\d\\d(\\.\\d{6})? "
                        + "\\(average \\d+ &micro;s per call\\)</p>")
                .containsPattern("<p>Maximum number of partitions active = [1-9]\\d*</p>")
                .contains("<p>Maximum entries in partition " + p + " = 3</p>");
        assertThat(http().get("/resetStats").body()).as("the statistics before the reset, as the original")
                .startsWith("<h1>Connection server statistics</h1>").contains("<p>2 calls to publish in total time");
        assertThat(http().get("/stats").body())
                .contains("<p>0 calls to publish in total time 0:00:00 (average 0 &micro;s per call)</p>")
                .contains("<p>Maximum number of partitions active = 0</p>")
                .doesNotContain("Maximum entries in partition");
        assertThat(http().get("/live").body()).isEqualTo("OK");
        assertThat(http().get("/ready").body()).isEqualTo("OK");
    }

    @Test
    default void badInputGets400AndChangesNothing() {
        String p = partition();
        publish(p, entry("keep", "tcp://k", "T", 0));
        String before = lookup(p, ".*", "T");
        assertBad(http().postJson("/publish", "{\"partition\": "), "malformed JSON");
        assertBad(http().postJson("/publish", "{\"connections\": []}"), "'partition' is missing");
        assertBad(http().postJson("/publish", "{\"partition\": \"" + p + "\"}"), "'connections' is missing");
        assertBad(http().postJson("/publish", "{\"partition\": 5, \"connections\": []}"), "must be a string");
        assertBad(http().postJson("/publish", "{\"partition\": \"" + p + "\", \"connections\": {}}"), "must be a list");
        assertBad(http().postJson("/publish", "{\"partition\": \"" + p + "\", \"connections\": ["
                + entry("new1", "tcp://n", "T", 0) + ", {\"uid\":\"bad\",\"uri\":\"tcp://b\",\"data_type\":\"T\"}]}"),
                "connection_type");
        assertBad(http().postJson("/publish", "{\"partition\": \"" + p + "\", \"connections\": [7]}"),
                "connections[0] is not an object");
        assertBad(http().postJson("/publish", ""), "empty body");
        assertBad(http().postJson("/getconnection/" + p, "{\"data_type\":\"T\"}"), "'uid_regex' is missing");
        assertBad(http().postJson("/getconnection/" + p, "{\"uid_regex\":\"(\",\"data_type\":\"T\"}"),
                "invalid uid_regex");
        assertBad(http().postJson("/retract", "{\"partition\":\"" + p + "\"}"), "connections");
        assertThat(lookup(p, ".*", "T")).as("nothing changed, not even the valid item of a bad batch")
                .isEqualTo(before);
    }

    /** /openapi.json describes a lookup's answer as a list of PublishedConnection: it is exactly that. */
    @Test
    default void lookupAnswersHaveTheDocumentedShape() throws Exception {
        String p = partition();
        publish(p, "{\"uid\":\"c\",\"uri\":\"tcp://c\",\"data_type\":\"T\",\"connection_type\":1,\"capacity\":8}");
        ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        List<PublishRequest.Item> answer = strict.readValue(lookup(p, "c", "T"), new TypeReference<>() {
        });
        assertThat(answer).containsExactly(new PublishRequest.Item("c", "tcp://c", "T", 1L, 8L));
    }

    @Test
    default void catastrophicRegexAnswersAtOnce() {
        String p = partition();
        publish(p, entry("a".repeat(5000) + "!", "tcp://a", "T", 0));
        // (a+)+$ backtracks exponentially in Python's re and java.util.regex; RE2 is linear.
        assertThat(lookup(p, "(a+)+$", "T")).isEqualTo("[]");
        assertThat(lookup(p, "(a+)+!", "T")).contains("tcp://a");
    }

    @Test
    default void oversizedBodyIs413AndChangesNothing() {
        String p = partition();
        String big = entry("x", "tcp://" + "x".repeat(17 * 1024 * 1024), "T", 0);
        HttpResponse<String> r = http().postJson("/publish", "{\"partition\":\"" + p + "\",\"connections\":[" + big + "]}");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(http().postJson("/getconnection/" + p, "{\"uid_regex\":\".*\",\"data_type\":\"T\"}").statusCode())
                .isEqualTo(404);
    }

    private void assertBad(HttpResponse<String> r, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(Http.json(r).get("error").asText()).contains(message);
    }

    private String partition() {
        return "p-" + UUID.randomUUID();
    }

    private void publish(String partition, String items) {
        HttpResponse<String> r = http().postJson("/publish",
                "{\"partition\":\"" + partition + "\",\"connections\":[" + items + "]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private String lookup(String partition, String regex, String dataType) {
        HttpResponse<String> r = http().postJson("/getconnection/" + partition,
                "{\"uid_regex\":\"" + regex + "\",\"data_type\":\"" + dataType + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static String entry(String uid, String uri, String dataType, int type) {
        return "{\"uid\":\"" + uid + "\",\"uri\":\"" + uri + "\",\"data_type\":\"" + dataType
                + "\",\"connection_type\":" + type + "}";
    }

    private static String found(String uid, String uri, int type, String dataType) {
        return "{\"uid\":\"" + uid + "\",\"uri\":\"" + uri + "\",\"connection_type\":" + type + ",\"data_type\":\""
                + dataType + "\"}";
    }
}
