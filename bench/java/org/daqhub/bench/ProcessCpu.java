package org.daqhub.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time taken by the hub's process (found by its jar on the command line) and by this bench's
 * own JVM since {@link #start()}. Hub and clients share the machine's cores, so a client that costs
 * much CPU slows the hub it measures; each figure is printed beside the other.
 */
record ProcessCpu(ProcessHandle hub, long hubStart, long benchStart) {

    static ProcessCpu start() {
        ProcessHandle hub = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("daq-hub.jar")).orElse(false))
                .findFirst().orElse(null);
        return new ProcessCpu(hub, cpuOf(hub), ownCpu());
    }

    boolean found() {
        return hub != null;
    }

    /** CPU nanoseconds the hub took since the start. */
    long hubNanos() {
        return cpuOf(hub) - hubStart;
    }

    /** CPU nanoseconds this JVM took since the start. */
    long benchNanos() {
        return ownCpu() - benchStart;
    }

    private static long cpuOf(ProcessHandle hub) {
        return hub == null ? 0 : hub.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static long ownCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
