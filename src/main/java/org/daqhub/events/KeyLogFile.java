package org.daqhub.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import org.daqhub.processors.io.DurableFiles;
import org.daqhub.processors.io.SafeFiles;

/**
 * One routing key's replay log on disk, so that ordinals go on and replay works across a restart
 * of the hub: a header (magic, the key, the next ordinal when the file was written whole), then one
 * record per message as its sockets got it (ordinal, timestamp, text or binary, CRC-32C). A record
 * is written before the message goes to any socket, so a client never holds an ordinal the file
 * lacks after kill -9 (the write is in the kernel; a crash of the machine can lose the last ones).
 * A record cut short by a crash fails its length or CRC and ends the log there. The file is written
 * whole again (atomically) with what the memory log keeps once it holds twice that many records.
 */
final class KeyLogFile implements AutoCloseable {

    private static final int MAGIC = 0x44514b4c; // "DQKL"
    private static final int RECORD_HEADER = 1 + 8 + 8 + 4 + 4; // kind, ordinal, timestamp, length, crc
    private static final byte TEXT = 1;
    private static final byte BINARY = 2;

    /** What a file held: its key, the next ordinal, and its frames, oldest first. */
    record Contents(String routingKey, long nextOrdinal, List<Frame> frames) {
    }

    private final Path path;
    private final String routingKey;
    private FileChannel channel;
    private long records;

    private KeyLogFile(Path path, String routingKey, FileChannel channel, long records) {
        this.path = path;
        this.routingKey = routingKey;
        this.channel = channel;
        this.records = records;
    }

    /** The file of {@code routingKey} in {@code dir}, written whole with {@code frames} (none for a new key). */
    static KeyLogFile create(Path dir, String routingKey, List<Frame> frames, long nextOrdinal) throws IOException {
        Path path = dir.resolve(fileName(routingKey));
        KeyLogFile file = new KeyLogFile(path, routingKey, null, 0);
        file.rewrite(frames, nextOrdinal);
        return file;
    }

    /** Reads a file: the valid records up to the first damaged or cut one, which is cut off with what follows. */
    static Contents read(Path path) throws IOException {
        try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer all = ByteBuffer.allocate((int) Math.min(in.size(), Integer.MAX_VALUE));
            while (all.hasRemaining() && in.read(all) >= 0) {
                // read it whole: logs are bounded by log-messages
            }
            all.flip();
            if (all.remaining() < 4 + 8 + 2 || all.getInt() != MAGIC) {
                throw new IOException(path + " is not an event-stream log");
            }
            long next = all.getLong();
            byte[] key = new byte[all.getShort() & 0xffff];
            all.get(key);
            List<Frame> frames = new ArrayList<>();
            long valid = all.position();
            while (all.remaining() >= RECORD_HEADER) {
                byte kind = all.get();
                long ordinal = all.getLong();
                long timestamp = all.getLong();
                int length = all.getInt();
                int crc = all.getInt();
                if (length < 0 || length > all.remaining() || (kind != TEXT && kind != BINARY)) {
                    break;
                }
                byte[] bytes = new byte[length];
                all.get(bytes);
                if (crc(ordinal, timestamp, bytes) != crc) {
                    break;
                }
                frames.add(kind == TEXT ? new Frame(ordinal, timestamp, new String(bytes, StandardCharsets.UTF_8), null)
                        : new Frame(ordinal, timestamp, null, bytes));
                next = Math.max(next, ordinal + 1);
                valid = all.position();
            }
            if (valid < in.size()) {
                in.truncate(valid);
            }
            return new Contents(new String(key, StandardCharsets.UTF_8), next, frames);
        }
    }

    /** Reopens a file just read, for appending. */
    static KeyLogFile reopen(Path path, Contents contents) throws IOException {
        return new KeyLogFile(path, contents.routingKey(),
                FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND), contents.frames().size());
    }

    /** Appends the frame (one write); true when the file holds more than {@code limit} records. */
    boolean append(Frame frame, int limit) throws IOException {
        ByteBuffer record = record(frame).flip();
        while (record.hasRemaining()) {
            channel.write(record);
        }
        return ++records > limit;
    }

    /** One record, as {@link #read} expects it: kind, ordinal, timestamp, length, CRC, bytes. */
    private static ByteBuffer record(Frame f) {
        byte[] bytes = f.isText() ? f.text().getBytes(StandardCharsets.UTF_8) : f.binary();
        return ByteBuffer.allocate(RECORD_HEADER + bytes.length).put(f.isText() ? TEXT : BINARY).putLong(f.ordinal())
                .putLong(f.timestampMillis()).putInt(bytes.length).putInt(crc(f.ordinal(), f.timestampMillis(), bytes))
                .put(bytes);
    }

    /** Writes the file whole with {@code frames}: atomically, so a crash leaves the old or the new one. */
    void rewrite(List<Frame> frames, long nextOrdinal) throws IOException {
        byte[] key = routingKey.getBytes(StandardCharsets.UTF_8);
        List<ByteBuffer> encoded = frames.stream().map(KeyLogFile::record).toList();
        ByteBuffer whole = ByteBuffer.allocate(4 + 8 + 2 + key.length
                + encoded.stream().mapToInt(ByteBuffer::capacity).sum());
        whole.putInt(MAGIC).putLong(nextOrdinal).putShort((short) key.length).put(key);
        encoded.forEach(r -> whole.put(r.flip()));
        close();
        Files.deleteIfExists(temp());
        DurableFiles.writeAtomically(temp(), path, whole.array(), false, true);
        channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        records = frames.size();
    }

    void delete() throws IOException {
        close();
        Files.deleteIfExists(path);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private Path temp() {
        return path.resolveSibling("." + path.getFileName() + ".tmp");
    }

    /** Named by a digest of the key: routing keys come from clients. */
    static String fileName(String routingKey) {
        return SafeFiles.nameFor(routingKey, ".log");
    }

    private static int crc(long ordinal, long timestamp, byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(16).putLong(ordinal).putLong(timestamp).flip());
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
