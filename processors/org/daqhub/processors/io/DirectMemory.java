package org.daqhub.processors.io;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * The JVM's direct memory (off-heap buffers: frame pools, image messages): how much it may hold
 * ({@code -XX:MaxDirectMemorySize}, by default the heap's maximum), how much it holds, and an
 * allocation that answers null instead of throwing when the limit is reached, for the pools that
 * can fall back to the heap.
 */
public final class DirectMemory {

    private DirectMemory() {
    }

    /** The most the JVM lets direct buffers hold. */
    public static long max() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            long configured = Long.parseLong(hotspot.getVMOption("MaxDirectMemorySize").getValue());
            if (configured > 0) {
                return configured;
            }
        } catch (RuntimeException notHotSpot) {
            // another JVM: its default is the heap's maximum as well
        }
        return Runtime.getRuntime().maxMemory();
    }

    /** What direct buffers hold now. */
    public static long used() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                return pool.getTotalCapacity();
            }
        }
        return 0;
    }

    /** What is left for new direct buffers. */
    public static long available() {
        return Math.max(0, max() - used());
    }

    /** A direct buffer, or null when the JVM's direct memory limit does not allow one more. */
    public static ByteBuffer tryAllocate(int bytes) {
        try {
            return ByteBuffer.allocateDirect(bytes);
        } catch (OutOfMemoryError limit) {
            return null;
        }
    }
}
