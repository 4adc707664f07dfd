package org.daqhub.tools.simulator;

/**
 * How the simulator sends.
 *
 * @param host          where the hub receives
 * @param firstPort     UDP port of module 0 (0 = the definition's start_udp_port)
 * @param frameRate     frames per second per module (0 = as fast as possible)
 * @param frames        frames to send (0 = until stopped)
 * @param firstFrame    frame number of the first frame; a Jungfrau's image id (bunch id) is BUNCH_BASE + frame
 * @param drop          fraction of packets not sent
 * @param duplicate     fraction of packets sent twice
 * @param reorder       fraction of packets swapped with the next packet of the same frame
 * @param seed          random seed, so a run with drops is repeatable
 */
public record SimulatorOptions(String host, int firstPort, double frameRate, long frames, long firstFrame,
        double drop, double duplicate, double reorder, long seed) {

    /** Jungfrau bunch ids are offset from frame numbers by this, so tests see which one is the image id. */
    public static final long BUNCH_BASE = 1_000_000;

    public static SimulatorOptions defaults() {
        return new SimulatorOptions("127.0.0.1", 0, 100, 100, 1, 0, 0, 0, 1);
    }

    public SimulatorOptions withPort(int port) {
        return new SimulatorOptions(host, port, frameRate, frames, firstFrame, drop, duplicate, reorder, seed);
    }

    public SimulatorOptions withFrames(long n, double rate) {
        return new SimulatorOptions(host, firstPort, rate, n, firstFrame, drop, duplicate, reorder, seed);
    }

    public SimulatorOptions withFaults(double dropFraction, double duplicateFraction, double reorderFraction) {
        return new SimulatorOptions(host, firstPort, frameRate, frames, firstFrame, dropFraction, duplicateFraction,
                reorderFraction, seed);
    }

    public SimulatorOptions withFirstFrame(long frame) {
        return new SimulatorOptions(host, firstPort, frameRate, frames, frame, drop, duplicate, reorder, seed);
    }
}
