package org.daqhub.events;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns a broker message into the frame its sockets get, as Squonk's event stream v3 does: valid
 * UTF-8 becomes a text frame; a JSON object gets {@code ess_ordinal} and {@code ess_timestamp}
 * (epoch ms) added, other text (Squonk's protobuf text format) gets
 * {@code |ordinal: N|timestamp: T} appended; anything else goes out unchanged as a binary frame.
 */
final class FrameFormatter {

    private final ObjectMapper json;

    FrameFormatter(ObjectMapper json) {
        this.json = json;
    }

    Frame format(byte[] payload, long ordinal, long timestampMillis) {
        String text = utf8(payload);
        if (text == null) {
            return new Frame(ordinal, timestampMillis, null, payload);
        }
        if (text.stripLeading().startsWith("{")) {
            try {
                JsonNode node = json.readTree(text);
                if (node instanceof ObjectNode object) {
                    object.put("ess_ordinal", ordinal);
                    object.put("ess_timestamp", timestampMillis);
                    return new Frame(ordinal, timestampMillis, json.writeValueAsString(object), null);
                }
            } catch (JsonProcessingException notJson) {
                // text that merely starts with a brace: plain text
            }
        }
        return new Frame(ordinal, timestampMillis, text + "|ordinal: " + ordinal + "|timestamp: " + timestampMillis,
                null);
    }

    private static String utf8(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException binary) {
            return null;
        }
    }
}
