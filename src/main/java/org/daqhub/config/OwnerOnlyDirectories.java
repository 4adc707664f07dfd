package org.daqhub.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.daqhub.processors.io.SafeFiles;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The directories under the data directory that hold accounts, tokens or credentials are the
 * owner's only (0700, their files 0600): the embedded H2 database, {@code auth/} (the token key)
 * and {@code broker/} (the embedded broker's accounts). Done before any bean opens them, and once
 * more after start for the files created meanwhile (H2 creates its database file with the
 * process's umask, typically 0644).
 */
@Component
public class OwnerOnlyDirectories implements BeanFactoryPostProcessor, SmartInitializingSingleton, EnvironmentAware {

    private List<Path> directories = List.of();

    @Override
    public void setEnvironment(Environment environment) {
        DataDirectory data = DataDirectory.of(environment);
        List<Path> dirs = new ArrayList<>(List.of(data.resolve("auth"), data.resolve("broker")));
        h2Directory(environment.getProperty("spring.datasource.url", "")).ifPresent(dirs::add);
        this.directories = List.copyOf(dirs);
    }

    /** The directory of an H2 file database ({@code jdbc:h2:file:[fsync:]<path>[;options]}). */
    static java.util.Optional<Path> h2Directory(String url) {
        String prefix = "jdbc:h2:file:";
        if (!url.startsWith(prefix)) {
            return java.util.Optional.empty();
        }
        String file = url.substring(prefix.length()).split(";", 2)[0];
        if (file.startsWith(SyncOnWriteFilePath.SCHEME + ":")) {
            file = file.substring(SyncOnWriteFilePath.SCHEME.length() + 1);
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        return java.util.Optional.ofNullable(parent);
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        protect();
    }

    @Override
    public void afterSingletonsInstantiated() {
        protect();
    }

    private void protect() {
        for (Path dir : directories) {
            try {
                SafeFiles.ownerOnly(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make " + dir + " owner-only", e);
            }
        }
    }
}
