package org.daqhub.config;

import java.io.IOException;
import java.nio.channels.FileChannel;

import org.daqhub.processors.statistics.Counters;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * H2's file system with the scheme {@value #SCHEME}: the disk, but every write to a database file
 * is forced to the device before it returns ({@link SyncOnWriteChannel}). With {@code WRITE_DELAY=0}
 * H2's store writes each commit before the commit returns, so a transaction the hub acknowledged
 * survives kill -9 (the write) and a crash of the machine (the fsync); H2 itself never syncs on
 * commit. The files are ordinary H2 files: H2's own tools open them with a plain {@code file:} URL.
 */
public final class SyncOnWriteFilePath extends FilePathWrapper {

    public static final String SCHEME = "fsync";

    /** Forces to the device since start, and the time they took: the cost of durable commits. */
    enum SyncCounter {
        SYNCS, SYNC_NANOS
    }

    static final Counters<SyncCounter> STATISTICS = Counters.shared(SyncCounter.class);

    private static final SyncOnWriteFilePath PROVIDER = new SyncOnWriteFilePath();

    /** Makes the scheme known to H2; before the first connection (an unknown scheme would be a file name). */
    public static void register() {
        FilePath.register(PROVIDER);
    }

    public static long syncs() {
        return STATISTICS.get(SyncCounter.SYNCS);
    }

    public static long syncNanos() {
        return STATISTICS.get(SyncCounter.SYNC_NANOS);
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        FileChannel base = getBase().open(mode);
        return "r".equals(mode) ? base : new SyncOnWriteChannel(base, name);
    }
}
