package org.daqhub.writer;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Delivery;
import org.daqhub.processors.receive.DetectorDefinition;
import org.daqhub.processors.receive.DetectorDefinitions;
import org.daqhub.tools.simulator.DetectorSimulator;
import org.daqhub.tools.simulator.SimulatorOptions;
import org.daqhub.support.Http;

/** Steps the writer tests share: wait for a running request, send simulator frames, read statuses. */
final class WriterTests {

    private static long nextFrame = 2_000_000;

    private WriterTests() {
    }

    /** Waits until the detector's writer runs a request (images sent before that are not written). */
    static void awaitWriterActive(Http http, String detector) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (JsonNode w : Http.json(http.get("/writer")).get("writers")) {
                if (w.get("detector").asText().equals(detector) && !w.get("active_request").isNull()) {
                    return true;
                }
            }
            return false;
        });
    }

    static DetectorDefinition definition(Path detectorsDir, String detector) throws Exception {
        return DetectorDefinitions.load(detectorsDir.resolve(detector + ".json"));
    }

    /**
     * Sends {@code frames} frames of the simulator's checkable pattern; answers the first frame number.
     * At 25 frames/s a module's receive buffer (4 MB here) holds 160 ms of packets, so a receiver
     * thread held off the CPU by a loaded test machine loses none (at 100/s, 40 ms did not always
     * suffice); speed is measured in bench/.
     */
    static long simulate(Http http, Path detectorsDir, String detector, int frames) throws Exception {
        return simulate(http, detectorsDir, detector, frames, 0).firstFrame();
    }

    /** Frames sent: the first one's number, and how many packets the simulator dropped on purpose. */
    record Sent(long firstFrame, long packetsDropped) {
    }

    /** As {@link #simulate(Http, Path, String, int)}, dropping the fraction {@code drop} of the packets. */
    static synchronized Sent simulate(Http http, Path detectorsDir, String detector, int frames, double drop)
            throws Exception {
        JsonNode info = Http.json(http.get("/detectors")).at("/detectors/" + detector);
        long first = nextFrame;
        nextFrame += frames + 10;
        DetectorSimulator.Report report = new DetectorSimulator(definition(detectorsDir, detector),
                SimulatorOptions.defaults().withPort(info.at("/udp_ports/0").asInt()).withFrames(frames, 25)
                        .withFirstFrame(first).withFaults(drop, 0, 0)).run();
        return new Sent(first, report.droppedTotal());
    }

    /** The next status message about {@code requestId} (others are skipped). */
    static Delivery next(BlockingQueue<Delivery> queue, String requestId) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            Delivery d = queue.poll(100, TimeUnit.MILLISECONDS);
            if (d != null && requestId.equals(d.getProperties().getCorrelationId())) {
                return d;
            }
        }
        throw new AssertionError("no status for " + requestId);
    }

    static String header(Delivery d, String name) {
        Object v = d.getProperties().getHeaders().get(name);
        return v == null ? null : v.toString();
    }
}
