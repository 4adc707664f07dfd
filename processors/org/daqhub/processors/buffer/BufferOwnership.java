package org.daqhub.processors.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Who owns a buffer file: an exclusive lock on {@code <file>.lock}, which holds the owner's process
 * id. The kernel drops the lock when the process ends, however it ends, so a file left by a hub
 * that was killed is free to replace, and a live hub's file is never deleted under it.
 */
final class BufferOwnership {

    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;

    private BufferOwnership(Path lockFile, FileChannel channel, FileLock lock) {
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
    }

    static BufferOwnership acquire(Path bufferFile) throws IOException {
        Path lockFile = bufferFile.resolveSibling(bufferFile.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new IOException("the image buffer " + bufferFile + " is in use by another hub (" + holder
                    + "): give this one another buffer_dir or daqhub.detector.buffer-dir");
        }
        byte[] pid = ("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(pid), 0);
        return new BufferOwnership(lockFile, channel, lock);
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer b = ByteBuffer.allocate(64);
            channel.read(b, 0);
            String text = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? "process unknown" : text;
        } catch (IOException e) {
            return "process unknown";
        }
    }

    void release() throws IOException {
        if (channel.isOpen()) {
            lock.release();
            channel.close();
        }
    }

    void releaseAndDelete() throws IOException {
        Files.deleteIfExists(lockFile); // while still holding it: nobody takes a lock on the old file
        release();
    }
}
