package org.daqhub;

import org.daqhub.tools.simulator.SimulatorCommand;
import org.daqhub.tools.transform.TransformerCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class DaqHubApplication {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("simulate")) {
            // The detector simulator ships in the same jar: java -jar daq-hub.jar simulate --detector ...
            SimulatorCommand.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("transform")) {
            // The reference transformer ships in the same jar: java -jar daq-hub.jar transform --request ...
            TransformerCommand.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        GracefulTermination.install();
        SpringApplication.run(DaqHubApplication.class, args);
    }
}
