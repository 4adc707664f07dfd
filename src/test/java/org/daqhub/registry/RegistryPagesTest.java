package org.daqhub.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Times printed as the original's Python prints them. */
class RegistryPagesTest {

    @Test
    void timedeltasAsPythonPrintsThem() {
        assertThat(RegistryPages.pythonTimedelta(0)).isEqualTo("0:00:00");
        assertThat(RegistryPages.pythonTimedelta(1_234)).isEqualTo("0:00:00.001234");
        assertThat(RegistryPages.pythonTimedelta(3_661_000_000L)).isEqualTo("1:01:01");
        assertThat(RegistryPages.pythonTimedelta(86_400_000_000L + 61_000_001L)).isEqualTo("1 day, 0:01:01.000001");
        assertThat(RegistryPages.pythonTimedelta(3 * 86_400_000_000L)).isEqualTo("3 days, 0:00:00");
    }

    @Test
    void datetimesAsPythonPrintsThem() {
        assertThat(RegistryPages.pythonDatetime(System.currentTimeMillis()))
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
    }
}
