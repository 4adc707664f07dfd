package org.daqhub.datastore;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.daqhub.broker.HubEvent;

/**
 * The datastore's answers as GlitchflowAPI's clients read them (its wire names), and as
 * {@code /openapi.json} describes them (the verbs' {@code outType}).
 */
public final class DatastoreAnswers {

    private DatastoreAnswers() {
    }

    /**
     * A strain document as {@code POST /streamdata} takes it and {@code GET /archives/{name}/{document}}
     * gives it back (other fields are kept as sent). The body is checked by {@link StrainDocument}'s
     * one-pass scanner, not bound to this record: it describes the document for {@code /openapi.json}.
     */
    @Schema(name = "StrainDocument", description = "Strain samples h, and t = [t0, dt]")
    public record Strain(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Double> h,
            @ArraySchema(minItems = 2, maxItems = 2, arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                    description = "[t0, dt], dt > 0")) List<Double> t) {
    }

    /** {@code GET /stats}: the current batch. */
    @Schema(name = "DatastoreBatch", description = "Documents and bytes in the current batch")
    public record Batch(@JsonProperty("n_itm") long documents, @JsonProperty("buff_size") long bytes) {
    }

    /** {@code GET /desc}. */
    @Schema(name = "DatastoreStatus", description = "OPERATIONAL or FROZEN")
    public record Status(String resp) {
    }

    /** {@code GET /dumpbuf}. */
    @Schema(name = "DatastoreDocuments", description = "The documents of the current batch")
    public record Documents(List<String> nmlist) {
    }

    /**
     * {@code POST /streamdata} and {@code /cleanbuf}: GlitchflowAPI's {resp, body} (body is itself a
     * JSON text, as the original sends it); {@code archive} names the folder a clean made.
     */
    @Schema(name = "DatastoreReply", description = "{resp, body} as GlitchflowAPI answers; archive after a clean")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reply(String resp, String body, String archive) {
    }

    /**
     * {@code POST /train}: WAITING while the batch holds less than max-size bytes, else FROZEN with
     * its count and size. The first freeze carries the {@code datastore.frozen} hub event, which the
     * route publishes after answering.
     */
    @Schema(name = "DatastoreTraining", description = "WAITING, or FROZEN with the batch's count and size")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Training(String resp, @JsonProperty("n_f") Long documents, @JsonProperty("bt_wrt") Long bytes,
            @JsonIgnore HubEvent event) {

        static Training waiting() {
            return new Training("WAITING", null, null, null);
        }
    }

    /** {@code GET /archives}. */
    @Schema(name = "DatastoreArchives")
    public record Archives(List<ArchiveSummary> archives) {
    }

    @Schema(name = "DatastoreArchiveSummary", description = "An archived batch")
    public record ArchiveSummary(String name, @JsonProperty("n_itm") long documents,
            @JsonProperty("buff_size") long bytes) {
    }

    /** {@code GET /archives/{name}}. */
    @Schema(name = "DatastoreArchive", description = "The documents of one archived batch")
    public record Archive(String name, List<String> nmlist) {
    }

    /** {@code GET /log}: one entry. */
    @Schema(name = "DatastoreLogEntry")
    public record LogEntry(String level, @JsonProperty("Id") long id, long size, String name, String time,
            String message) {
    }
}
