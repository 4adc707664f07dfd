package org.daqhub.processors.filewriter;

/** Where a write request is. The three last are final. */
public enum WriteState {
    QUEUED, RUNNING, SUCCEEDED, KILLED, FAILED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isFinal() {
        return ordinal() >= SUCCEEDED.ordinal();
    }
}
