package org.daqhub.requests;

/** A transformer message to publish on {@link RequestQueues#EXCHANGE} with the request id as routing key. */
public record Delivery(String requestId, String body) {
}
