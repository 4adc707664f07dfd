package org.daqhub.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;

import org.h2.store.fs.FileBase;

/**
 * A database file whose writes are on the device when they return (see {@link SyncOnWriteFilePath}).
 * H2's store writes a commit as one positional write (a chunk), so this is one fsync per commit;
 * {@code force(false)} (fdatasync) skips the metadata that does not change what is read back.
 */
final class SyncOnWriteChannel extends FileBase {

    private final FileChannel base;
    private final String name;

    SyncOnWriteChannel(FileChannel base, String name) {
        this.base = base;
        this.name = name;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return base.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        int written = base.write(src, position);
        sync();
        return written;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return base.read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int written = base.write(src);
        sync();
        return written;
    }

    private void sync() throws IOException {
        long start = System.nanoTime();
        base.force(false);
        SyncOnWriteFilePath.STATISTICS.add(SyncOnWriteFilePath.SyncCounter.SYNC_NANOS, System.nanoTime() - start);
        SyncOnWriteFilePath.STATISTICS.increment(SyncOnWriteFilePath.SyncCounter.SYNCS);
    }

    @Override
    public long position() throws IOException {
        return base.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        base.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return base.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        base.truncate(size);
        sync();
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        base.force(metaData);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return base.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        base.close();
    }

    @Override
    public String toString() {
        return SyncOnWriteFilePath.SCHEME + ":" + name;
    }
}
