package org.daqhub.writer;

import org.daqhub.processors.filewriter.WriteJob;

/**
 * One write request on its way through the agent's route (exchange property {@code writeTask}):
 * its id and original bytes (the body of every status std_daq's agents publish), the job it became
 * (or why it was refused, or that it was seen before), and the status to publish next.
 */
public final class WriteTask {

    private final String requestId;
    private final byte[] requestBytes;
    private final WriteJob job;
    private final String refusal;
    private final boolean duplicate;
    private volatile String action;
    private volatile String message;

    private WriteTask(String requestId, byte[] requestBytes, WriteJob job, String refusal, boolean duplicate) {
        this.requestId = requestId;
        this.requestBytes = requestBytes == null ? new byte[0] : requestBytes;
        this.job = job;
        this.refusal = refusal;
        this.duplicate = duplicate;
    }

    static WriteTask accepted(String requestId, byte[] bytes, WriteJob job) {
        return new WriteTask(requestId, bytes, job, null, false).status(WriterAgent.START, null);
    }

    /** Refused: still started and then failed, as std_daq's agents do, so the client hears why. */
    static WriteTask refused(String requestId, byte[] bytes, String why) {
        return new WriteTask(requestId, bytes, null, why, false).status(WriterAgent.START, null);
    }

    /** Received again (re-sent by a proxy after a broker restart): nothing to do. */
    static WriteTask duplicate(String requestId, byte[] bytes) {
        return new WriteTask(requestId, bytes, null, null, true);
    }

    WriteTask status(String nextAction, String nextMessage) {
        this.action = nextAction;
        this.message = nextMessage;
        return this;
    }

    public String getRequestId() {
        return requestId;
    }

    public byte[] getRequestBytes() {
        return requestBytes;
    }

    public boolean isDuplicate() {
        return duplicate;
    }

    /** request_start, request_success or request_fail. */
    public String getAction() {
        return action;
    }

    /** The status's message; null when there is none. */
    public String getMessage() {
        return message;
    }

    WriteJob job() {
        return job;
    }

    String refusal() {
        return refusal;
    }
}
