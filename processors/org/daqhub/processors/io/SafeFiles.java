package org.daqhub.processors.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Opening files whose names come from requests or from a shared directory without being led
 * elsewhere by a symbolic link planted there: new files are created exclusively and never through
 * a link, existing files are opened without following a link at their name, and the directory a
 * file is in is checked on its real path to be inside the root it must stay in.
 */
public final class SafeFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private SafeFiles() {
    }

    /**
     * A file name for {@code text} that came from a client (a request id, a routing key): a digest,
     * so no character of it reaches the file system, and the same text always gives the same name.
     */
    public static String nameFor(String text, String extension) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16) + extension;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Creates {@code file} anew for writing (and reading), never through a link. A regular file
     * already there (a temporary file a crash left) is deleted first; a link there is refused.
     *
     * @param ownerOnly create it readable and writable by the owner only
     */
    public static FileChannel createExclusively(Path file, boolean ownerOnly) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new FileSystemException(file.toString(), null,
                    "a symbolic link is at this name; the hub never writes through one");
        }
        Files.deleteIfExists(file);
        List<OpenOption> options = new ArrayList<>(List.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        return ownerOnly && posix(file)
                ? FileChannel.open(file, Set.copyOf(options), PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
                : FileChannel.open(file, Set.copyOf(options), new FileAttribute<?>[0]);
    }

    /** Opens an existing file for reading, refusing a link at its name or a directory outside {@code realRoot}. */
    public static FileChannel openForReading(Path file, Path realRoot) throws IOException {
        requireInside(file, realRoot);
        try {
            return FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException e) {
            // ELOOP: the kernel refused to follow a link at the name (O_NOFOLLOW)
            if (Files.isSymbolicLink(file)) {
                throw new FileSystemException(file.toString(), null,
                        "a symbolic link is at this name; the hub never reads through one");
            }
            throw e;
        }
    }

    /** Reads a whole file as {@link #openForReading} opens it. */
    public static byte[] readAllBytes(Path file, Path realRoot) throws IOException {
        try (FileChannel channel = openForReading(file, realRoot)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new IOException(file + " is too large to read at once");
            }
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read on
            }
            return buffer.array();
        }
    }

    /**
     * Refuses {@code file} unless the real path of its directory is inside {@code realRoot} (itself a
     * real path): a directory on the way that is a link out of the root is caught here.
     */
    public static void requireInside(Path file, Path realRoot) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !dir.toRealPath().startsWith(realRoot)) {
            throw new FileSystemException(file.toString(), null, "outside " + realRoot + " once links are followed");
        }
    }

    /**
     * Makes {@code dir} (created if missing) readable by its owner only, and every file directly in
     * it: for directories that hold accounts, tokens or credentials.
     */
    public static void ownerOnly(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (!posix(dir)) {
            return;
        }
        Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(f, OWNER_ONLY_FILE);
                }
            }
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
