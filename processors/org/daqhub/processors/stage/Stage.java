package org.daqhub.processors.stage;

import org.daqhub.processors.statistics.Counters;

/**
 * One step of the detector data path (receive, assemble, stream, announce, replicate), in the
 * spirit of odin-data's frame-processor plugins: every step has the same life cycle and reports
 * its statistics in the same shape, so the detector starts, stops, shows and resets them all alike.
 */
public interface Stage extends AutoCloseable {

    /** Starts the step's thread; steps whose socket thread runs from construction do nothing. */
    default void start() {
    }

    /** The step's counters: its part of {@code /detector/{name}/stats} and of the metrics. */
    Counters<?> statistics();

    /** Starts the counts shown in the statistics again (Prometheus keeps its monotonic counters). */
    default void resetStatistics() {
        statistics().reset();
    }

    /** Stops the step and frees its sockets; called once, upstream steps first. */
    @Override
    void close();
}
