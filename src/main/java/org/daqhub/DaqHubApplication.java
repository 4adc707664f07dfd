package org.daqhub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class DaqHubApplication {

    public static void main(String[] args) {
        GracefulTermination.install();
        SpringApplication.run(DaqHubApplication.class, args);
    }
}
