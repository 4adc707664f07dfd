package org.daqhub.config;

import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Stops the hub at start when a secret still holds the Secret template's placeholder
 * ({@code CHANGE_ME} in openshift/secret-template.yaml): a deployment applied with the template
 * as it is must not run with known passwords. Names the setting, never its value.
 */
public class TemplateSecretsCheck implements EnvironmentPostProcessor {

    static final String PLACEHOLDER = "CHANGE_ME";

    /** The settings the Deployment fills from the Secret. */
    static final List<String> SECRETS = List.of("daqhub.auth.jwt-secret", "spring.rabbitmq.username",
            "spring.rabbitmq.password", "spring.datasource.username", "spring.datasource.password",
            "spring.data.redis.password");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> unchanged = SECRETS.stream().filter(name -> {
            String value = environment.getProperty(name);
            return value != null && value.trim().equals(PLACEHOLDER);
        }).toList();
        if (!unchanged.isEmpty()) {
            throw new IllegalStateException(unchanged + " still hold the Secret template's " + PLACEHOLDER
                    + ": replace every " + PLACEHOLDER + " in the daq-hub-services Secret (openshift/secret-template.yaml)");
        }
    }
}
