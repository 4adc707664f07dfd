package org.daqhub.detector.control;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.daqhub.processors.receive.DetectorDefinition;
import org.daqhub.tools.simulator.DetectorSimulator;
import org.daqhub.tools.simulator.SimulatorOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A detector with no hardware: START runs the packet simulator against the hub's own receivers
 * ({@code frames x triggers} frames at one per {@code period}), so a whole acquisition can be run
 * and written from REST. Parameters the simulator has no use for (exptime, timing, speed, tengiga,
 * threshold) are kept and reported, as a real detector would.
 */
public final class SimulatedDetectorControl implements DetectorControl {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedDetectorControl.class);

    private final DetectorDefinition detector;
    private final String host;
    private final int firstPort;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private long nextFrame = 1;
    private DetectorSimulator running;
    private Thread thread;
    private volatile boolean failed;

    public SimulatedDetectorControl(DetectorDefinition detector, String host, int firstPort) {
        this.detector = detector;
        this.host = host;
        this.firstPort = firstPort;
        values.put("triggers", 1L);
        values.put("timing", "timingMode.AUTO_TIMING");
        values.put("frames", 100L);
        values.put("period", 0.01);
        values.put("exptime", 0.001);
        values.put("dr", (long) detector.bitDepth());
        values.put("speed", "speedLevel.FULL_SPEED");
        values.put("tengiga", true);
        values.put("threshold", -1L);
    }

    @Override
    public synchronized Map<String, Object> parameters() {
        return new LinkedHashMap<>(values);
    }

    @Override
    public synchronized void set(Map<String, Object> requested) {
        Map<String, Object> checked = new LinkedHashMap<>();
        requested.forEach((name, value) -> checked.put(name, check(name, value)));
        values.putAll(checked);
    }

    private Object check(String name, Object value) {
        switch (name) {
            case "frames", "triggers" -> {
                return positiveLong(name, value);
            }
            case "period", "exptime" -> {
                if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0) {
                    throw new IllegalArgumentException(name + " must be a finite number of seconds >= 0, not " + value);
                }
                return n.doubleValue();
            }
            case "dr" -> {
                long dr = positiveLong(name, value);
                if (dr != detector.bitDepth()) {
                    throw new IllegalArgumentException("dr " + dr + " is not the bit_depth " + detector.bitDepth()
                            + " of the detector definition (the image buffer is laid out for it)");
                }
                return dr;
            }
            case "tengiga" -> {
                if (!(value instanceof Boolean)) {
                    throw new IllegalArgumentException("tengiga must be true or false, not " + value);
                }
                return value;
            }
            case "threshold" -> {
                if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                    throw new IllegalArgumentException("threshold must be an integer, not " + value);
                }
                return n.longValue();
            }
            default -> {
                if (!(value instanceof String)) {
                    throw new IllegalArgumentException(name + " must be a string, not " + value);
                }
                return value;
            }
        }
    }

    private static long positiveLong(String name, Object value) {
        if (!(value instanceof Number n) || !fitsLong(n) || n.longValue() < 1) {
            throw new IllegalArgumentException(name + " must be an integer from 1 to " + Long.MAX_VALUE + ", not " + value);
        }
        return n.longValue();
    }

    /** A whole number a long holds: 2^64 + 1 or -2^63 - 1 is refused, never wrapped. */
    private static boolean fitsLong(Number n) {
        if (n instanceof java.math.BigInteger big) {
            return big.bitLength() < 64;
        }
        if (n instanceof java.math.BigDecimal decimal) {
            try {
                decimal.longValueExact();
                return true;
            } catch (ArithmeticException e) {
                return false;
            }
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            return Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 0x1p63;
        }
        return true;
    }

    @Override
    public synchronized void start() {
        if (thread != null && thread.isAlive()) {
            throw new IllegalStateException("an acquisition is running; STOP it first");
        }
        long frames;
        try {
            frames = Math.multiplyExact((long) values.get("frames"), (long) values.get("triggers"));
        } catch (ArithmeticException tooMany) {
            throw new IllegalArgumentException("frames times triggers is more than " + Long.MAX_VALUE);
        }
        double period = (double) values.get("period");
        SimulatorOptions options = SimulatorOptions.defaults().withPort(firstPort).withFirstFrame(nextFrame)
                .withFrames(frames, period > 0 ? 1.0 / period : 0);
        options = new SimulatorOptions(host, options.firstPort(), options.frameRate(), options.frames(),
                options.firstFrame(), 0, 0, 0, 1);
        nextFrame += frames;
        DetectorSimulator simulator = new DetectorSimulator(detector, options);
        running = simulator;
        failed = false;
        thread = new Thread(() -> {
            try {
                simulator.run();
            } catch (IOException | RuntimeException e) {
                failed = true;
                LOG.error("Simulated acquisition of {} failed: {}", detector.name(), e.toString());
            }
        }, "simulated-" + detector.name());
        thread.setDaemon(true);
        thread.start();
        LOG.info("Simulated acquisition of {}: {} frames at {} Hz", detector.name(), frames, options.frameRate());
    }

    @Override
    public synchronized void stop() {
        if (running != null) {
            running.stop();
        }
    }

    @Override
    public synchronized String status() {
        if (thread != null && thread.isAlive()) {
            return "RUNNING";
        }
        return failed ? "ERROR" : "IDLE";
    }
}
