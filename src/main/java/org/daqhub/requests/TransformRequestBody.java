package org.daqhub.requests;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * The body of {@code POST /servicex/transformation} as ServiceX's reqparse takes it: every field
 * optional here, texts non-empty when given, counts positive (as a number, or as digits in a
 * string: the ServiceX frontend sends {@code "workers": "1"}). Which fields go together is
 * {@link NewRequestParser}'s to check.
 */
@Schema(description = "A transformation request: did or file-list, columns or selection, result-destination volume")
public record TransformRequestBody(
        @Pattern(regexp = TEXT, message = EMPTY) String did,
        @JsonProperty("file-list")
        List<@NotNull(message = PATHS) @Pattern(regexp = TEXT, message = PATHS) String> fileList,
        @Pattern(regexp = TEXT, message = EMPTY) String columns,
        @Pattern(regexp = TEXT, message = EMPTY) String selection,
        @Pattern(regexp = TEXT, message = EMPTY) String title,
        @Positive @JsonDeserialize(using = Count.class) Integer workers,
        @Positive @JsonDeserialize(using = Count.class) @JsonProperty("chunk-size") Integer chunkSize,
        @Pattern(regexp = TEXT, message = EMPTY) @JsonProperty("tree-name") String treeName,
        @Pattern(regexp = TEXT, message = EMPTY) String image,
        @Pattern(regexp = TEXT, message = EMPTY) @JsonProperty("result-destination") String resultDestination,
        @Pattern(regexp = TEXT, message = EMPTY) @JsonProperty("result-format") String resultFormat) {

    static final String TEXT = "(?s).*\\S.*";
    static final String EMPTY = "is empty";
    static final String PATHS = "must hold non-empty strings only";

    /** A count as a JSON integer or as up to nine digits in a string; anything else is refused. */
    static final class Count extends JsonDeserializer<Integer> {

        @Override
        public Integer deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                return p.getIntValue();
            }
            if (p.currentToken() == JsonToken.VALUE_STRING && p.getText().trim().matches("\\d{1,9}")) {
                return Integer.parseInt(p.getText().trim());
            }
            throw MismatchedInputException.from(p, Integer.class, "not a count");
        }
    }
}
