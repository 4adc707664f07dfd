package org.daqhub.broker;

import java.util.Map;

/**
 * One hub event: {@code event} published as JSON on the {@value HubEvents#EXCHANGE} exchange
 * under {@code routingKey} ({@code detector.<name>.statistics}, {@code writer.<action>},
 * {@code datastore.frozen}, {@code request.<status>}), by the one route that publishes them
 * ({@code hub-events} in routes/hub.yaml), where event streams pick them up.
 */
public record HubEvent(String routingKey, Map<String, Object> event) {
}
