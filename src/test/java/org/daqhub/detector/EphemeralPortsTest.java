package org.daqhub.detector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EphemeralPortsTest {

    @Test
    void aTakenPortInTheEphemeralRangeThatIsNotReservedGetsTheReason() {
        assertThat(EphemeralPorts.hint("cannot bind tcp://*:50200: Errno 48", "32768\t60999\n", "\n"))
                .contains("port 50200 is in this machine's ephemeral range 32768-60999")
                .contains("ip_local_reserved_ports");
    }

    @Test
    void reservedPortsPortsOutsideTheRangeAndMessagesWithoutAPortGetNone() {
        assertThat(EphemeralPorts.hint("cannot bind tcp://*:50200", "32768 60999", "8080,50000-50999")).isEmpty();
        assertThat(EphemeralPorts.hint("cannot bind tcp://*:5555", "32768 60999", "")).isEmpty();
        assertThat(EphemeralPorts.hint("no port here", "32768 60999", "")).isEmpty();
        assertThat(EphemeralPorts.hint(null, "32768 60999", "")).isEmpty();
    }
}
