package org.daqhub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DataDirectoryTest {

    @Test
    void placesLieUnderTheRootUnlessASettingNamesOne() {
        DataDirectory data = new DataDirectory(Path.of("/srv/hub"));
        assertThat(data.resolve("broker")).isEqualTo(Path.of("/srv/hub/broker"));
        assertThat(data.or(null, "datastore")).isEqualTo(Path.of("/srv/hub/datastore"));
        assertThat(data.or(Path.of("/fast/datastore"), "datastore")).isEqualTo(Path.of("/fast/datastore"));
    }

    @Test
    void theRootComesFromTheEnvironmentWithTheSameDefaultAsTheProperties() {
        assertThat(DataDirectory.of(new MockEnvironment().withProperty("daqhub.data-dir", "/x")).root())
                .isEqualTo(Path.of("/x"));
        assertThat(DataDirectory.of(new MockEnvironment()).root()).isEqualTo(
                new HubProperties(null, null, null, null, null, null).dataDir());
    }
}
