package org.daqhub.tools.transform;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference transformer as a program of its own, like a ServiceX transformer pod:
 * <pre>
 * java -jar daq-hub.jar transform --request &lt;request id&gt; [--amqp amqp://guest:guest@host:5672]
 *     [--workers 1] [--report amqp | http://hub:8080/servicex/internal/transformation]
 *     [--pod-name name] [--output-dir dir]
 * </pre>
 * It consumes the request's queue (one unacknowledged message per worker; a message is
 * acknowledged once its file is reported, so a worker that dies leaves its file to another) and
 * stops when the hub deletes the queue (the request ended) or on SIGTERM.
 */
public final class TransformerCommand {

    private static final Logger LOG = LoggerFactory.getLogger(TransformerCommand.class);

    private TransformerCommand() {
    }

    public static void main(String[] args) throws Exception {
        String amqp = "amqp://guest:guest@127.0.0.1:5672";
        String request = null;
        String report = "amqp";
        String pod = InetAddress.getLocalHost().getHostName();
        Path outputDir = null;
        int workers = 1;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--amqp" -> amqp = value;
                case "--request" -> request = value;
                case "--report" -> report = value;
                case "--pod-name" -> pod = value;
                case "--output-dir" -> outputDir = Path.of(value);
                case "--workers" -> workers = Integer.parseInt(value);
                default -> usage("unknown option " + args[i]);
            }
            i++;
        }
        if (request == null) {
            usage("--request is required");
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqp);
        factory.setAutomaticRecoveryEnabled(true);
        try (Connection connection = factory.newConnection("daqhub-transformer-" + pod)) {
            Channel reportChannel = connection.createChannel();
            Reports reports = report.equals("amqp") ? new AmqpReports((headers, body) -> {
                synchronized (reportChannel) {
                    reportChannel.basicPublish("", AmqpReports.QUEUE, true, new AMQP.BasicProperties.Builder()
                            .headers(headers).contentType("application/json").deliveryMode(2).build(), body);
                }
            }) : new HttpReports(report);
            ReferenceTransformer transformer = new ReferenceTransformer(reports, pod, outputDir);
            try (TransformerWorkers consumers = new TransformerWorkers(connection, request, workers, transformer)) {
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                LOG.info("Transforming request {} with {} worker(s), reporting over {}", request, workers, report);
                while (stop.getCount() > 0 && !consumers.awaitEnd(1)) {
                    // until the queue is deleted or SIGTERM
                }
            }
            LOG.info("Request {}: {} files transformed, {} failed", request, transformer.files(), transformer.failures());
        }
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: transform --request <id> [--amqp amqp://user:pass@host:port] [--workers N]"
                + " [--report amqp|<http base of /servicex/internal/transformation>] [--pod-name name]"
                + " [--output-dir dir]");
        System.exit(2);
    }
}
