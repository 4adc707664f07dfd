package org.daqhub.datastore;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.capabilities.Capability;
import org.daqhub.capabilities.ConditionalOnCapability;
import org.daqhub.config.DataDirectory;
import org.daqhub.console.ConsoleSection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the datastore under {@code daqhub.datastore.dir} (default: {@code <daqhub.data-dir>/datastore}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnCapability(Capability.DATASTORE)
public class DatastoreConfiguration {

    @Bean(name = "datastore")
    Datastore datastore(DatastoreProperties properties, ObjectMapper json,
            DataDirectory data) throws IOException {
        return new Datastore(properties.under(data), json);
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
