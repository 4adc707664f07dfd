package org.daqhub.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class TemplateSecretsCheckTest {

    @Test
    void aSecretLeftAtThePlaceholderStopsTheStartNamingTheSetting() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.password", "CHANGE_ME")
                .withProperty("spring.data.redis.password", "s3cret-redis");
        assertThatThrownBy(() -> new TemplateSecretsCheck().postProcessEnvironment(env, null))
                .hasMessageContaining("[spring.datasource.password]").hasMessageContaining("secret-template.yaml")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void realOrAbsentSecretsPass() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.rabbitmq.password", "a-real-one");
        assertThatCode(() -> new TemplateSecretsCheck().postProcessEnvironment(env, null)).doesNotThrowAnyException();
    }
}
