package org.daqhub.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Registers H2's {@code fsync:} file system ({@link SyncOnWriteFilePath}) before any bean can open
 * the database: H2 would take an unknown scheme for part of a file name.
 */
public class SyncOnWriteRegistration implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        SyncOnWriteFilePath.register(); // whatever the URL: a test or an operator may set it later
    }
}
