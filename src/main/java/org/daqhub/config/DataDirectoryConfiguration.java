package org.daqhub.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link DataDirectory} bean, from {@code daqhub.data-dir}. */
@Configuration(proxyBeanMethods = false)
public class DataDirectoryConfiguration {

    @Bean
    DataDirectory dataDirectory(HubProperties properties) {
        return new DataDirectory(properties.dataDir());
    }
}
