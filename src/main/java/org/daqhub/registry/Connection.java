package org.daqhub.registry;

/**
 * One published endpoint. {@code connectionType} and {@code capacity} keep the JSON number they
 * were published with; {@code capacity} is null when the publisher gave none.
 *
 * @param publishedMillis when it was last published (heartbeat), epoch ms
 */
public record Connection(String uid, String uri, String dataType, long connectionType, Long capacity,
        long publishedMillis) {

    /** The lookup answer's object: keys uid, uri, connection_type, data_type[, capacity], compact. */
    void appendJson(StringBuilder out) {
        out.append("{\"uid\":");
        Json.string(out, uid);
        out.append(",\"uri\":");
        Json.string(out, uri);
        out.append(",\"connection_type\":").append(connectionType);
        out.append(",\"data_type\":");
        Json.string(out, dataType);
        if (capacity != null) {
            out.append(",\"capacity\":").append(capacity.longValue());
        }
        out.append('}');
    }
}
