package org.daqhub.requests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;


/**
 * Turns a request's {@code did} or {@code file-list} into the files to transform, all inside the data
 * root: {@code local://<glob>} is a glob relative to the root (or absolute inside it), for instance
 * {@code local://output/run7_*.h5} for the writer's files; a file list names files the same way.
 * Anything that resolves outside the root (through {@code ..} or a symbolic link) is refused, as are
 * other DID schemes (the hub has no Rucio).
 */
public final class InputFiles {

    private static final String LOCAL = "local://";

    private final Path root;
    private final int maxFiles;

    public InputFiles(Path root, int maxFiles) {
        this.root = root.toAbsolutePath().normalize();
        this.maxFiles = maxFiles;
    }

    /** The files a DID names, sorted; 400 naming the problem when it names none or is not local. */
    public List<Path> resolveDid(String did) {
        if (!did.startsWith(LOCAL)) {
            int scheme = did.indexOf("://");
            throw RequestErrors.badRequest("DID scheme '" + (scheme > 0 ? did.substring(0, scheme) : did)
                    + "' is not supported: the hub resolves local://<glob> under its data root");
        }
        String glob = did.substring(LOCAL.length());
        Path pattern = inside(glob, "did");
        Path base = pattern.getRoot();
        for (Path segment : pattern) {
            if (hasGlob(segment.toString())) {
                break;
            }
            base = base.resolve(segment);
        }
        List<Path> files = new ArrayList<>();
        if (base.equals(pattern)) {
            if (Files.isRegularFile(base)) {
                files.add(confined(base, glob, "did"));
            }
        } else if (Files.isDirectory(base)) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            try (Stream<Path> walk = Files.walk(base)) {
                walk.filter(Files::isRegularFile).filter(matcher::matches).sorted().forEach(p -> {
                    if (isConfined(p)) {
                        add(files, p, did);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (files.isEmpty()) {
            throw RequestErrors.badRequest("DID '" + did + "' matches no file under the data root");
        }
        return files;
    }

    /** The files of a {@code file-list}, each of which must exist inside the data root. */
    public List<Path> resolveList(List<String> paths) {
        if (paths.isEmpty()) {
            throw RequestErrors.badRequest("file-list is empty");
        }
        List<Path> files = new ArrayList<>();
        for (String p : paths) {
            Path path = inside(p, "file-list");
            if (!Files.isRegularFile(path)) {
                throw RequestErrors.badRequest("file-list entry '" + p + "' is not a file under the data root");
            }
            add(files, confined(path, p, "file-list"), "file-list");
        }
        return files;
    }

    private void add(List<Path> files, Path p, String what) {
        if (files.size() >= maxFiles) {
            throw RequestErrors.badRequest(what + " names more than " + maxFiles + " files (daqhub.requests.max-files)");
        }
        files.add(p);
    }

    private Path inside(String text, String field) {
        Path path;
        try {
            Path given = Path.of(text);
            path = (given.isAbsolute() ? given : root.resolve(given)).normalize();
        } catch (InvalidPathException e) {
            throw RequestErrors.badRequest(field + " '" + text + "' is not a valid path: " + e.getReason());
        }
        if (!path.startsWith(root)) {
            throw RequestErrors.badRequest(field + " '" + text + "' is outside the data root " + root);
        }
        return path;
    }

    private Path confined(Path path, String text, String field) {
        if (!isConfined(path)) {
            throw RequestErrors.badRequest(field + " '" + text + "' leads outside the data root " + root);
        }
        return path;
    }

    private boolean isConfined(Path path) {
        try {
            return path.toRealPath().startsWith(root.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean hasGlob(String segment) {
        return segment.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

}
