package org.daqhub.processors.receive;

/**
 * Hub-specific settings of a detector, read from the {@code "daqhub"} object of its definition file
 * (a key std_daq ignores), with defaults for files that have none.
 *
 * @param bufferSlots        images the RAM buffer holds (slot = image id modulo this)
 * @param bufferDir          directory of the memory-mapped buffer file; null = the hub's default
 * @param frameTimeoutMs     an incomplete module frame is flushed this long after its first packet
 * @param imageTimeoutMs     an image waiting for modules is assembled incomplete after this long
 * @param syncQueueSize      images waiting for modules before the oldest is assembled incomplete
 * @param framePoolSize      module frames in flight per module between receiver and assembler
 * @param receiveBufferBytes requested SO_RCVBUF of each module socket (the kernel caps it at rmem_max)
 * @param validateModuleId   drop packets whose header moduleID is not the module index of their port
 * @param metadataEndpoint   ZeroMQ PUB endpoint for image metadata; empty = off
 * @param streamEndpoint     ZeroMQ PUSH endpoint for the image stream (metadata + pixels); empty = off
 * @param streamSource       another hub's image stream to replicate (stream-recv) instead of
 *                           receiving UDP; empty = receive from the detector
 * @param pedestalFile       Jungfrau calibration: pedestals, float32 [modules][3][512][1024]; empty = 0
 * @param gainFile           Jungfrau calibration: gains, same shape; empty = 1
 */
public record DetectorSettings(int bufferSlots, String bufferDir, int frameTimeoutMs, int imageTimeoutMs,
        int syncQueueSize, int framePoolSize, int receiveBufferBytes, boolean validateModuleId,
        String metadataEndpoint, String streamEndpoint, String streamSource, String pedestalFile, String gainFile) {

    public DetectorSettings {
        require(bufferSlots >= 2, "buffer_slots must be at least 2");
        require(frameTimeoutMs > 0, "frame_timeout_ms must be positive");
        require(imageTimeoutMs > 0, "image_timeout_ms must be positive");
        require(syncQueueSize > 0, "module_sync_queue_size must be positive");
        require(framePoolSize >= 4, "frame_pool_size must be at least 4");
        require(receiveBufferBytes > 0, "receive_buffer_bytes must be positive");
        metadataEndpoint = metadataEndpoint == null ? "" : metadataEndpoint;
        streamEndpoint = streamEndpoint == null ? "" : streamEndpoint;
        streamSource = streamSource == null ? "" : streamSource;
        pedestalFile = pedestalFile == null ? "" : pedestalFile;
        gainFile = gainFile == null ? "" : gainFile;
        require(pedestalFile.isEmpty() == gainFile.isEmpty(), "calibration needs both pedestal_file and gain_file");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
