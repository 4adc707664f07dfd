package org.daqhub.detector.control;

import java.util.Map;

/**
 * Sets and reads a detector's acquisition parameters and starts and stops it: what std_daq's REST
 * server did through slsdet. The hub ships {@link SimulatedDetectorControl}, which drives the
 * packet simulator; an implementation for real hardware plugs in here.
 */
public interface DetectorControl {

    /** The parameters std_daq exposes, in its names. */
    java.util.List<String> PARAMETERS = java.util.List.of("triggers", "timing", "frames", "period", "exptime", "dr",
            "speed", "tengiga", "threshold");

    /** Current values of {@link #PARAMETERS}. */
    Map<String, Object> parameters();

    /**
     * Applies the given parameters (names already checked against {@link #PARAMETERS}).
     *
     * @throws IllegalArgumentException naming a value that cannot be applied; nothing is changed then
     */
    void set(Map<String, Object> values);

    /** Starts an acquisition of {@code frames x triggers} frames, one every {@code period} seconds. */
    void start();

    void stop();

    /** slsdet's run status name: IDLE or RUNNING (ERROR when the last acquisition failed). */
    String status();
}
