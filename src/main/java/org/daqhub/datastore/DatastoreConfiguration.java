package org.daqhub.datastore;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.capabilities.Capability;
import org.daqhub.capabilities.ConditionalOnCapability;
import org.daqhub.console.ConsoleSection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the datastore under {@code daqhub.datastore.dir} (default: {@code <daqhub.data-dir>/datastore}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnCapability(Capability.DATASTORE)
public class DatastoreConfiguration {

    @Bean(name = "datastore")
    Datastore datastore(DatastoreProperties properties, ObjectMapper json,
            @Value("${daqhub.data-dir}") Path dataDir, @Value("${daqhub.datastore.dir:}") String dir)
            throws IOException {
        DatastoreProperties effective = dir.isBlank() ? new DatastoreProperties(properties.basePath(),
                dataDir.resolve("datastore"), properties.maxSize(), properties.maxDocumentBytes(),
                properties.groupCommit()) : properties;
        return new Datastore(effective, json);
    }

    @Bean
    ConsoleSection datastoreConsole(Datastore datastore) {
        return ConsoleSection.of("datastore", false, datastore::console);
    }

    @Bean(name = "datastorePage")
    DatastorePage datastorePage(Datastore datastore) {
        return new DatastorePage(datastore);
    }
}
