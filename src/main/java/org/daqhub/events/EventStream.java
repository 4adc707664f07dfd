package org.daqhub.events;

import java.time.Instant;

/** A stream: its number (the internal API's id), its public uuid and the routing key it delivers. */
public record EventStream(long id, String uuid, String routingKey, Instant created) {
}
