package org.daqhub.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventStreamPropertiesTest {

    private static EventStreamProperties with(Integer messagesPerAck, Integer prefetch) {
        return new EventStreamProperties(null, null, null, null, null, null, null, null, null, null, messagesPerAck,
                null, prefetch, null);
    }

    @Test
    void theDefaultPrefetchCoversTenAcknowledgementBatches() {
        EventStreamProperties defaults = with(null, null);
        assertThat(defaults.prefetch()).isEqualTo(1000);
        assertThat(defaults.messagesPerAck()).isEqualTo(100);
    }

    @Test
    void aPrefetchBelowOneAcknowledgementBatchIsRefusedNamingBothSettings() {
        assertThatThrownBy(() -> with(100, 50))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("daqhub.event-streams.prefetch (50)")
                .hasMessageContaining("daqhub.event-streams.messages-per-ack (100)");
        assertThat(with(50, 250).prefetch()).isEqualTo(250);
    }
}
