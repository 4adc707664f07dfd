package org.daqhub.processors.receive;

import java.util.List;

/**
 * A detector as std_daq describes it in its JSON definition file, plus the hub's own settings.
 * Built and validated by {@link DetectorDefinitions}.
 */
public record DetectorDefinition(String name, DetectorType type, int nModules, int bitDepth, int imageHeight,
        int imageWidth, int startUdpPort, List<ModulePosition> modules, DetectorSettings settings) {

    public int packetsPerFrame() {
        return type.moduleWidth() * type.moduleHeight() * bitDepth / 8 / type.payloadBytes();
    }

    /** Bytes of one module frame as it arrives (packed, for 4-bit Eiger). */
    public int frameBytes() {
        return packetsPerFrame() * type.payloadBytes();
    }

    /** Type of the pixels the receivers place into the image buffer. */
    public PixelType rawPixelType() {
        return PixelType.forBitDepth(bitDepth);
    }

    /** Type of the assembled image in the buffer (float32 after Jungfrau conversion). */
    public PixelType imagePixelType() {
        return type == DetectorType.JUNGFRAU_CONVERTED ? PixelType.FLOAT32 : rawPixelType();
    }

    public int imageBytes() {
        return imageHeight * imageWidth * imagePixelType().bytes();
    }

    /** UDP port of the module in slot {@code module}: start_udp_port + its std_daq id. */
    public int udpPort(int module) {
        return udpPort(startUdpPort, module);
    }

    /** UDP port of the module in slot {@code module} when module ids count from {@code firstPort}. */
    public int udpPort(int firstPort, int module) {
        return firstPort + modules.get(module).id();
    }
}
