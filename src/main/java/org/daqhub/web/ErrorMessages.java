package org.daqhub.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;

/**
 * Turns exceptions into messages a client can act on, without internals (class names, stack frames).
 */
public final class ErrorMessages {

    private ErrorMessages() {
    }

    /** What a client sent, shortened to {@code max} characters ("..." at the end) to be quoted in a message. */
    public static String abbreviate(String clientText, int max) {
        return clientText.length() <= max ? clientText : clientText.substring(0, max - 3) + "...";
    }

    public static String malformedJson(JacksonException e) {
        String reason = e.getOriginalMessage();
        if (reason != null) {
            // Jackson appends a "(for Object starting at ...)" source description: not useful to a client.
            int cut = reason.indexOf("\n");
            reason = cut > 0 ? reason.substring(0, cut) : reason;
        }
        JsonLocation at = e.getLocation();
        String where = at != null && at.getLineNr() > 0
                ? " at line " + at.getLineNr() + ", column " + at.getColumnNr() : "";
        return "malformed JSON" + where + ": " + reason;
    }
}
