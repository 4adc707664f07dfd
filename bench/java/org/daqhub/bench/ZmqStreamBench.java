package org.daqhub.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.daqhub.processors.buffer.ImageBuffer;
import org.daqhub.processors.buffer.ImageStatus;
import org.daqhub.processors.buffer.SlotMetadata;
import org.daqhub.processors.receive.ImageMetadata;
import org.daqhub.processors.zmq.ImageStreamReceiver;
import org.daqhub.processors.zmq.ImageStreamSender;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The image stream between two processes (2 MiB images, 1024 x 1024 uint16, TCP loopback): the
 * hub's ImageStreamSender reading from one image buffer and ImageStreamReceiver filling another,
 * against raw jeromq PUSH/PULL of the same bytes. The receiving process reports images/s between
 * its first and last message.
 *
 * <pre>
 * mvn -Pbench test-compile exec:exec -Dbench.main=org.daqhub.bench.ZmqStreamBench -Dbench.args="3000 5"
 * </pre>
 */
public final class ZmqStreamBench {

    private static final int HEIGHT = 1024;
    private static final int WIDTH = 1024;
    private static final int BYTES = HEIGHT * WIDTH * 2;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].startsWith("receive-")) {
            receive(args[0], args[1]);
            return;
        }
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        System.out.println("| stream | images sent | images received | images/s | MB/s |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (int round = 0; round < rounds; round++) {
            runRaw(images);
            runHub(images);
        }
    }

    private static void runRaw(int images) throws Exception {
        try (ZContext zmq = new ZContext(); ZMQ.Socket push = zmq.createSocket(SocketType.PUSH)) {
            push.setSndHWM(1000);
            push.bind("tcp://127.0.0.1:*");
            Process child = child("receive-raw", push.getLastEndpoint());
            byte[] meta = "{\"image_id\":0}".getBytes();
            byte[] pixels = new byte[BYTES];
            // jeromq now and then leaves a fresh connection silent: then the child gives up and
            // reports 0, and the round must not wait for it forever.
            push.setSendTimeOut(10_000);
            for (int i = 0; i < images; i++) {
                if (!push.send(meta, ZMQ.SNDMORE) || !push.send(pixels, 0)) {
                    System.out.println("|   (raw round stopped at image " + i + ": the child is not reading) | | | | |");
                    break;
                }
            }
            report("raw jeromq PUSH/PULL", images, child);
        }
    }

    private static void runHub(int images) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/dev/shm"), "daqhub-zmq-bench");
        try (ZContext zmq = new ZContext();
                ImageBuffer buffer = ImageBuffer.create(dir.resolve("source.buffer"), "bench", 64, HEIGHT, WIDTH, 2, 2);
                ImageStreamSender sender = new ImageStreamSender(zmq, "tcp://127.0.0.1:*", buffer, 1000)) {
            Process child = child("receive-hub", sender.endpoint());
            for (long id = 0; id < images; id++) {
                int slot = buffer.slotOf(id);
                buffer.beginWrite(slot);
                buffer.endWrite(slot, new SlotMetadata(id, id, ImageStatus.GOOD, 1, 0, 0, 0, 0));
                ImageMetadata meta = new ImageMetadata("bench", id, id, HEIGHT, WIDTH, "uint16", ImageStatus.GOOD,
                        slot, 1, 1, 0, 0, 0, 0);
                // The sender drops rather than blocks when its queue is full; for a throughput
                // figure each image is offered again until the socket thread takes it. The source
                // buffer has 64 slots: stay at most 32 images ahead of the socket thread, or images
                // would be overwritten before it copies them (as a detector faster than its stream).
                // Parked, not spinning: a spinning producer would take one of the two cores from the
                // sockets' I/O threads, which a detector's assembler, waiting for packets, does not.
                while (id - (sender.sent() + sender.dropped() + sender.overwritten()) > 32) {
                    LockSupport.parkNanos(20_000);
                }
                while (!sender.send(meta)) {
                    LockSupport.parkNanos(20_000);
                }
            }
            report("hub ImageStreamSender -> ImageStreamReceiver", images, child);
            System.out.printf(Locale.ROOT, "|   (sender: %d sent, %d dropped, %d overwritten, %d from heap arrays) | | | | |%n",
                    sender.sent(), sender.dropped(), sender.overwritten(), sender.sentFromHeap());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static Process child(String mode, String endpoint) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g"));
        String options = System.getProperty("bench.childJvm", "");
        if (!options.isBlank()) {
            command.addAll(List.of(options.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ZmqStreamBench.class.getName(), mode,
                endpoint));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static void report(String name, int sent, Process child) throws Exception {
        String line;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            line = r.lines().filter(l -> l.startsWith("RESULT")).findFirst().orElse("RESULT 0 0");
        }
        child.waitFor();
        String[] f = line.split(" ");
        long received = Long.parseLong(f[1]);
        double seconds = Double.parseDouble(f[2]);
        double rate = seconds > 0 ? (received - 1) / seconds : 0;
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %.0f | %.0f |%n", name, sent, received, rate,
                rate * BYTES / 1e6);
    }

    /** Child process: counts images until none came for 2 s; prints "RESULT count seconds". */
    private static void receive(String mode, String endpoint) throws Exception {
        AtomicLong count = new AtomicLong();
        long[] first = {0};
        long[] last = {0};
        try (ZContext zmq = new ZContext()) {
            if (mode.equals("receive-raw")) {
                try (ZMQ.Socket pull = zmq.createSocket(SocketType.PULL)) {
                    pull.setRcvHWM(1000);
                    pull.setReceiveTimeOut(2000);
                    pull.connect(endpoint);
                    while (true) {
                        byte[] meta = pull.recv();
                        if (meta == null) {
                            break;
                        }
                        pull.recv();
                        long now = System.nanoTime();
                        if (count.getAndIncrement() == 0) {
                            first[0] = now;
                        }
                        last[0] = now;
                    }
                }
            } else {
                Path dir = Files.createTempDirectory(Path.of("/dev/shm"), "daqhub-zmq-replica");
                try (ImageBuffer replica = ImageBuffer.create(dir.resolve("replica.buffer"), "bench", 64, HEIGHT,
                        WIDTH, 2, 2)) {
                    ImageStreamReceiver receiver = new ImageStreamReceiver(zmq, endpoint, replica, "bench");
                    receiver.setSink(image -> {
                        long now = System.nanoTime();
                        if (count.getAndIncrement() == 0) {
                            first[0] = now;
                        }
                        last[0] = now;
                    });
                    receiver.start();
                    long seen = -1;
                    long started = System.nanoTime();
                    long quietSince = started;
                    while ((System.nanoTime() - quietSince < 2_000_000_000L || count.get() == 0)
                            && System.nanoTime() - started < 300_000_000_000L) {
                        Thread.sleep(100);
                        if (count.get() != seen) {
                            seen = count.get();
                            quietSince = System.nanoTime();
                        }
                    }
                    receiver.close();
                } finally {
                    try (var files = Files.list(dir)) {
                        for (Path f : files.toList()) {
                            Files.deleteIfExists(f);
                        }
                    }
                    Files.deleteIfExists(dir);
                }
            }
        }
        System.out.printf(Locale.ROOT, "RESULT %d %.6f%n", count.get(), (last[0] - first[0]) / 1e9);
    }
}
