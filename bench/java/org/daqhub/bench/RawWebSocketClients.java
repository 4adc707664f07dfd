package org.daqhub.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * WebSocket clients that cost the machine little CPU, for a bench whose clients share the cores
 * with the hub they measure: plain sockets after the upgrade handshake, all read by one selector
 * thread, frames parsed in place and each whole text or binary message handed to its consumer as a
 * String. The JDK's client runs a demand protocol and futures per message; on two cores its CPU
 * was taken from the hub being measured (bench/RESULTS.md).
 *
 * <p>Enough of RFC 6455 for a server's side of the conversation: unmasked frames, lengths of 7, 16
 * and 64 bits, fragmented messages, pings answered, a close frame ending the connection.
 */
final class RawWebSocketClients implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final Selector selector;
    private final List<Connection> connections = new ArrayList<>();
    private volatile boolean running = true;

    RawWebSocketClients() throws IOException {
        selector = Selector.open();
    }

    /** Connects and upgrades one socket; messages reach {@code sink} once {@link #start()} has run. */
    void connect(URI location, Consumer<String> sink) throws IOException {
        int port = location.getPort() > 0 ? location.getPort() : 80;
        SocketChannel channel = SocketChannel.open(new InetSocketAddress(location.getHost(), port));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String upgrade = "GET " + location.getRawPath() + " HTTP/1.1\r\n"
                + "Host: " + location.getHost() + ":" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        channel.write(ByteBuffer.wrap(upgrade.getBytes(StandardCharsets.US_ASCII)));
        Connection connection = new Connection(channel, sink);
        connection.readHandshake();
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, connection);
        connections.add(connection);
    }

    /** Starts the one thread that reads every connection. */
    void start() {
        Thread reader = new Thread(this::readAll, "raw-websocket-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void readAll() {
        try {
            while (running) {
                selector.select(key -> ((Connection) key.attachment()).readable(key), 1000);
            }
        } catch (IOException e) {
            System.err.println("raw WebSocket reader stopped: " + e);
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        for (Connection c : connections) {
            c.channel.close();
        }
        selector.close();
    }

    private static final class Connection {
        private final SocketChannel channel;
        private final Consumer<String> sink;
        private ByteBuffer in = ByteBuffer.allocate(BUFFER);
        private final ByteArrayOutputStream fragments = new ByteArrayOutputStream();

        Connection(SocketChannel channel, Consumer<String> sink) {
            this.channel = channel;
            this.sink = sink;
        }

        /** Reads the 101 answer; bytes after its headers stay in the buffer as the first frames. */
        void readHandshake() throws IOException {
            while (true) {
                if (channel.read(in) < 0) {
                    throw new IOException("connection closed during the WebSocket handshake");
                }
                String seen = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
                int end = seen.indexOf("\r\n\r\n");
                if (end >= 0) {
                    if (!seen.startsWith("HTTP/1.1 101")) {
                        throw new IOException("WebSocket upgrade refused: " + seen.lines().findFirst().orElse(""));
                    }
                    in.flip();
                    in.position(end + 4);
                    in.compact();
                    return;
                }
            }
        }

        void readable(SelectionKey key) {
            try {
                if (channel.read(in) < 0) {
                    key.cancel();
                    return;
                }
                in.flip();
                frames();
                in.compact();
            } catch (IOException e) {
                key.cancel();
            }
        }

        /** Handles every whole frame in the buffer; a partial one waits for the next read. */
        private void frames() throws IOException {
            while (in.remaining() >= 2) {
                int start = in.position();
                int b0 = in.get(start) & 0xFF;
                int b1 = in.get(start + 1) & 0xFF;
                int header = 2;
                long length = b1 & 0x7F;
                if (length == 126) {
                    if (in.remaining() < 4) {
                        return;
                    }
                    length = in.getShort(start + 2) & 0xFFFF;
                    header = 4;
                } else if (length == 127) {
                    if (in.remaining() < 10) {
                        return;
                    }
                    length = in.getLong(start + 2);
                    header = 10;
                }
                if ((b1 & 0x80) != 0) {
                    throw new IOException("masked frame from the server");
                }
                if (header + length > in.capacity()) {
                    grow((int) (header + length));
                    return;
                }
                if (in.remaining() < header + length) {
                    return;
                }
                frame(b0, in.array(), start + header, (int) length);
                in.position(start + header + (int) length);
            }
        }

        private void frame(int b0, byte[] data, int offset, int length) throws IOException {
            int opcode = b0 & 0x0F;
            boolean last = (b0 & 0x80) != 0;
            switch (opcode) {
                case 0, 1, 2 -> {
                    if (last && fragments.size() == 0) {
                        sink.accept(new String(data, offset, length, StandardCharsets.UTF_8));
                    } else {
                        fragments.write(data, offset, length);
                        if (last) {
                            sink.accept(fragments.toString(StandardCharsets.UTF_8));
                            fragments.reset();
                        }
                    }
                }
                case 8 -> channel.close();
                case 9 -> pong(data, offset, length);
                default -> {
                    // pong or reserved: nothing to do
                }
            }
        }

        /** A client's frames are masked; a zero mask leaves the payload as it is. */
        private void pong(byte[] data, int offset, int length) throws IOException {
            ByteBuffer out = ByteBuffer.allocate(6 + length);
            out.put((byte) 0x8A).put((byte) (0x80 | length)).putInt(0).put(data, offset, length).flip();
            while (out.hasRemaining()) {
                channel.write(out);
            }
        }

        private void grow(int frameSize) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(frameSize, in.capacity() * 2));
            bigger.put(in);
            bigger.flip();
            in = bigger;
        }
    }
}
