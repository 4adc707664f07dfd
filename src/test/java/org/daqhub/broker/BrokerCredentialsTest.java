package org.daqhub.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.daqhub.config.HubDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** When the embedded broker's guest/guest is replaced, and by what. */
class BrokerCredentialsTest {

    @TempDir
    Path data;

    private MockEnvironment environment(String... properties) {
        MockEnvironment env = new MockEnvironment().withProperty("daqhub.data-dir", data.toString())
                .withProperty("daqhub.broker.user", "guest").withProperty("daqhub.broker.password", "guest");
        for (int i = 0; i < properties.length; i += 2) {
            env.setProperty(properties[i], properties[i + 1]);
        }
        new HubDefaults().postProcessEnvironment(env, null); // runs first in the application too
        new BrokerCredentialsEnvironmentPostProcessor().postProcessEnvironment(env, null);
        return env;
    }

    @Test
    void guestStaysOnLoopbackWithAuthOff() {
        MockEnvironment env = environment();
        assertThat(env.getProperty("daqhub.broker.user")).isEqualTo("guest");
        assertThat(data.resolve("broker/credentials")).doesNotExist();
    }

    @Test
    void onAnotherAddressOrWithAuthOnAnAccountIsGeneratedOnceOwnerOnly() throws Exception {
        MockEnvironment exposed = environment("daqhub.broker.bind-address", "0.0.0.0");
        String password = exposed.getProperty("daqhub.broker.password");
        assertThat(exposed.getProperty("daqhub.broker.user")).isEqualTo("daqhub");
        assertThat(password).isNotEqualTo("guest").hasSizeGreaterThan(20);
        Path file = data.resolve("broker/credentials");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(Files.readString(file)).contains("password=" + password);

        MockEnvironment authOn = environment("daqhub.auth.enabled", "true");
        assertThat(authOn.getProperty("daqhub.broker.password")).as("kept across restarts").isEqualTo(password);
    }

    @Test
    void aConfiguredAccountIsKeptAndTheServicesProfileIsLeftToRabbitMq() {
        MockEnvironment configured = environment("daqhub.auth.enabled", "true", "daqhub.broker.user", "agent",
                "daqhub.broker.password", "s3cret-s3cret");
        assertThat(configured.getProperty("daqhub.broker.user")).isEqualTo("agent");
        MockEnvironment services = environment("daqhub.auth.enabled", "true", "daqhub.broker.embedded", "false");
        assertThat(services.getProperty("daqhub.broker.user")).isEqualTo("guest");
        assertThat(data.resolve("broker/credentials")).doesNotExist();
    }
}
