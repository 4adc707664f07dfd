package org.daqhub.processors.receive;

import org.daqhub.processors.buffer.ImageBuffer;

/**
 * What a detector needs before it starts, from its definition alone (docs/detector.md, "Sizing"):
 * <ul>
 *   <li>direct memory: each module's frame pool ({@code n_modules x frame_pool_size x} one module
 *   frame, {@code packets_per_frame x payload}) and the warm-up (4 frames, one image, one packet);
 *   the image stream's message buffers come on top as images are sent, but fall back to the heap
 *   at the limit;</li>
 *   <li>the buffer file: the header, 64 bytes of metadata per slot and {@code buffer_slots} images,
 *   each rounded up to 4 KiB, all of it resident (the hub touches every page at start).</li>
 * </ul>
 */
public record DetectorSizing(long directBytes, long bufferFileBytes) {

    private static final long MIB = 1024 * 1024;

    public static DetectorSizing of(DetectorDefinition d) {
        long moduleFrame = (long) d.packetsPerFrame() * d.type().payloadBytes();
        boolean receives = d.settings().streamSource().isEmpty();
        long pools = receives ? (long) d.nModules() * d.settings().framePoolSize() * moduleFrame : 0;
        long warmUp = receives ? 4 * moduleFrame + d.imageBytes() + d.type().packetBytes() : 0;
        long file = ImageBuffer.fileBytes(d.settings().bufferSlots(), d.imageHeight(), d.imageWidth(),
                d.imagePixelType().bytes());
        return new DetectorSizing(pools + warmUp, file);
    }

    /**
     * Why the detector cannot start with {@code directAvailable} bytes of direct memory left and
     * {@code bufferSpace} bytes free where its buffer file goes, or null if it fits.
     */
    public String refusal(DetectorDefinition d, long directAvailable, long bufferSpace, String bufferDir) {
        if (directBytes > directAvailable) {
            return String.format("detector %s needs %d MiB of direct memory for its frame pools (%d modules x %d"
                    + " frames x %d KiB) and warm-up, and the JVM has %d MiB left (-XX:MaxDirectMemorySize, by default"
                    + " the heap's maximum): lower frame_pool_size in its definition or raise MaxDirectMemorySize",
                    d.name(), mib(directBytes), d.nModules(), d.settings().framePoolSize(),
                    (long) d.packetsPerFrame() * d.type().payloadBytes() / 1024, mib(directAvailable));
        }
        if (bufferFileBytes > bufferSpace) {
            return String.format("detector %s needs %d MiB for its image buffer (%d slots of %d KiB) and %s has %d MiB"
                    + " free: lower buffer_slots in its definition or give %s more room (a container's /dev/shm is"
                    + " 64 MiB unless it is a sized memory volume)", d.name(), mib(bufferFileBytes),
                    d.settings().bufferSlots(), d.imageBytes() / 1024, bufferDir, mib(bufferSpace), bufferDir);
        }
        return null;
    }

    private static long mib(long bytes) {
        return (bytes + MIB - 1) / MIB;
    }
}
