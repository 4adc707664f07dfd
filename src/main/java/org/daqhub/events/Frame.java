package org.daqhub.events;

/**
 * One message of a stream as its sockets get it: text (UTF-8 payloads; JSON objects with
 * {@code ess_ordinal} and {@code ess_timestamp} added) or binary.
 */
record Frame(long ordinal, long timestampMillis, String text, byte[] binary) {

    boolean isText() {
        return text != null;
    }
}
