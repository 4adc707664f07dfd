package org.daqhub.capabilities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class CapabilitiesTest {

    @Test
    void everyCapabilityRunsByDefault() {
        Capabilities all = Capabilities.from(new MockEnvironment());
        assertThat(all.running()).containsExactlyInAnyOrder(Capability.values());
        assertThat(all.off()).isEmpty();
    }

    @Test
    void aListRunsWhatItNames() {
        Capabilities stateless = Capabilities.from(new MockEnvironment()
                .withProperty("daqhub.capabilities", "registry, event-streams,USERS,requests,datastore"));
        assertThat(stateless.off()).containsExactlyInAnyOrder(Capability.DETECTOR, Capability.WRITER);
        assertThat(stateless.runs(Capability.EVENT_STREAMS)).isTrue();
    }

    @Test
    void unknownNamesAndAWriterWithoutItsDetectorAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> Capabilities.of(List.of("registry", "archive")))
                .hasMessage("daqhub.capabilities: 'archive' is not a capability; use all or a list of registry, "
                        + "detector, writer, event-streams, requests, users, datastore");
        assertThatThrownBy(() -> Capabilities.of(List.of("writer"))).hasMessageStartingWith(
                "daqhub.capabilities: writer needs detector");
    }

    @Test
    void eachCapabilityOwnsTheRoutesFileNamedAfterIt() {
        assertThat(Capability.ofRouteFile("event-streams.yaml")).contains(Capability.EVENT_STREAMS);
        assertThat(Capability.ofRouteFile("hub.yaml")).isEmpty();
        assertThat(Capability.ofRouteFile("my-own.yaml")).isEmpty();
    }
}
