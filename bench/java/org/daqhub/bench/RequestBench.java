package org.daqhub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import org.daqhub.tools.transform.AmqpReports;
import org.daqhub.tools.transform.ReferenceTransformer;
import org.daqhub.tools.transform.TransformerWorkers;
import org.daqhub.processors.filewriter.hdf5.Compression;
import org.daqhub.support.TestImageFiles;

/**
 * Request bookkeeping of a running hub: a request of N files, W workers that report each file over
 * AMQP as a ServiceX transformer does (a status line, then file-complete) without doing any work
 * ("instant" files), then the same with the reference transformer on the same tiny HDF5 files.
 * Figures: submission latency (POST until the answer, every file stored and queued) and files/s
 * from the answer until Complete. Baseline in the same run: the broker's own round trip of the
 * same number of messages (publish, W consumers that each send two replies, as the reports).
 *
 * <pre>
 * java -jar target/daq-hub.jar --spring.profiles.active=services --daqhub.detector.enabled=false \
 *     --daqhub.requests.embedded-transformers=false --daqhub.data-dir=/work/bench-rq \
 *     --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test &amp;
 * mvn -Pbench test-compile exec:exec -Dbench.main=org.daqhub.bench.RequestBench \
 *     -Dbench.args="http://127.0.0.1:8080 amqp://guest:guest@127.0.0.1:5672 /work/bench-rq 1000 4"
 * </pre>
 */
public final class RequestBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String hub = args[0];
        String amqp = args[1];
        Path dataDir = Path.of(args[2]);
        int files = Integer.parseInt(args[3]);
        int workers = Integer.parseInt(args[4]);
        Path dir = dataDir.resolve("bench-requests");
        for (int f = 0; f < files; f++) {
            Path file = dir.resolve(String.format("run_%06d.h5", f));
            if (!Files.exists(file)) {
                TestImageFiles.write(file, 1, Compression.NONE);
            }
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqp);
        try (Connection connection = factory.newConnection("request-bench")) {
            for (int round = 1; round <= 3; round++) {
                System.out.printf(Locale.ROOT, "round %d%n", round);
                run("instant workers", hub, connection, workers, files, false);
                run("reference transformer", hub, connection, workers, files, true);
                baseline(connection, workers, files);
            }
        }
    }

    private static void run(String label, String hub, Connection connection, int workers, int files,
            boolean reference) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(hub + "/servicex/transformation"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"did\": \"local://bench-requests/*.h5\", \"columns\": \"sum\", \"result-destination\": \"volume\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        long submitted = System.nanoTime();
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(answer.body());
        }
        String id = JSON.readTree(answer.body()).get("request_id").asText();
        List<AutoCloseable> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Channel reports = connection.createChannel();
            AmqpReports amqpReports = new AmqpReports((headers, body) -> {
                synchronized (reports) {
                    reports.basicPublish("", AmqpReports.QUEUE, new AMQP.BasicProperties.Builder().headers(headers)
                            .contentType("application/json").build(), body);
                }
            });
            running.add(reference
                    ? new TransformerWorkers(connection, id, 1, new ReferenceTransformer(amqpReports, "bench-" + w, null))
                    : instant(connection, id, amqpReports, "bench-" + w));
        }
        JsonNode status;
        do {
            Thread.sleep(20);
            status = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(hub + "/servicex/transformation/" + id
                    + "/status")).build(), HttpResponse.BodyHandlers.ofString()).body());
        } while (!status.get("status").asText().equals("Complete"));
        long done = System.nanoTime();
        for (AutoCloseable c : running) {
            c.close();
        }
        System.out.printf(Locale.ROOT, "  %-22s %d files, %d workers: submission %.0f ms, %.0f files/s until Complete"
                + " (%d processed, %d skipped)%n", label, files, workers, (submitted - t0) / 1e6,
                files / ((done - submitted) / 1e9), status.get("files-processed").asInt(),
                status.get("files-skipped").asInt());
    }

    /** A worker that reports every file as done at once: the hub's bookkeeping is all that is measured. */
    private static AutoCloseable instant(Connection connection, String queue, AmqpReports reports, String pod)
            throws Exception {
        Channel channel = connection.createChannel();
        channel.basicQos(1);
        channel.basicConsume(queue, false, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                    throws java.io.IOException {
                JsonNode m = JSON.readTree(body);
                String request = m.get("request-id").asText();
                long fileId = m.get("file-id").asLong();
                reports.fileStatus(request, fileId, "start", pod, "");
                reports.fileComplete(request, Map.of("file-id", fileId, "file-path", m.get("file-path").asText(),
                        "status", "success", "total-time", 0, "total-bytes", 0, "total-events", 1, "avg-rate", 0,
                        "num-messages", 1));
                channel.basicAck(envelope.getDeliveryTag(), false);
            }
        });
        return () -> {
            if (channel.isOpen()) {
                channel.close();
            }
        };
    }

    /** The broker alone: N messages out, W consumers answering each with two messages, as the reports. */
    private static void baseline(Connection connection, int workers, int files) throws Exception {
        Channel admin = connection.createChannel();
        String work = admin.queueDeclare().getQueue();
        String replies = admin.queueDeclare().getQueue();
        CountDownLatch received = new CountDownLatch(2 * files);
        Channel collector = connection.createChannel();
        collector.basicConsume(replies, true, new DefaultConsumer(collector) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                received.countDown();
            }
        });
        List<Channel> channels = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Channel channel = connection.createChannel();
            channels.add(channel);
            channel.basicQos(1);
            channel.basicConsume(work, false, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                        throws java.io.IOException {
                    channel.basicPublish("", replies, null, body);
                    channel.basicPublish("", replies, null, body);
                    channel.basicAck(envelope.getDeliveryTag(), false);
                }
            });
        }
        byte[] message = "{\"request-id\": \"x\", \"file-id\": 1, \"file-path\": \"/data/run.h5\"}"
                .getBytes(StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        for (int i = 0; i < files; i++) {
            admin.basicPublish("", work, null, message);
        }
        received.await(120, TimeUnit.SECONDS);
        long t1 = System.nanoTime();
        System.out.printf(Locale.ROOT, "  %-22s %d messages, %d consumers: %.0f messages/s round trip%n",
                "baseline (broker only)", files, workers, files / ((t1 - t0) / 1e9));
        for (Channel c : channels) {
            c.close();
        }
        collector.close();
        admin.queueDelete(work);
        admin.queueDelete(replies);
        admin.close();
    }
}
