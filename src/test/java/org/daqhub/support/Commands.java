package org.daqhub.support;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Runs a machine command for a test (mount, chattr, rabbitmqctl): true if it exists and succeeded. */
public final class Commands {

    private Commands() {
    }

    public static boolean run(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }
}
