package org.daqhub.processors.filewriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * The directories the writer may write into. A request's {@code output_file} must resolve inside
 * one of them: relative paths are taken from the first root, {@code ..} cannot climb out, and a
 * symbolic link inside a root that points outside it is refused as well (checked on the real path
 * of the directory the file goes into).
 */
public final class OutputRoots {

    private final List<Path> roots;

    public OutputRoots(List<Path> roots) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("at least one output root is needed");
        }
        this.roots = roots.stream().map(r -> r.toAbsolutePath().normalize()).toList();
    }

    public List<Path> roots() {
        return roots;
    }

    /**
     * The absolute path for {@code outputFile}, its directory created if needed.
     *
     * @throws IllegalArgumentException naming why the path is refused; nothing is created then
     */
    public Path resolve(String outputFile) throws IOException {
        if (outputFile == null || outputFile.isBlank()) {
            throw new IllegalArgumentException("output_file is empty");
        }
        Path requested;
        try {
            requested = Path.of(outputFile);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("output_file '" + outputFile + "' is not a valid path: " + e.getReason());
        }
        Path path = (requested.isAbsolute() ? requested : roots.get(0).resolve(requested)).normalize();
        Path root = roots.stream().filter(path::startsWith).filter(r -> !r.equals(path)).findFirst()
                .orElseThrow(() -> outside(outputFile));
        Path realRoot = realPathOf(root);
        Path existing = path.getParent();
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (!existing.toRealPath().startsWith(realRoot)) {
            throw outside(outputFile);
        }
        Files.createDirectories(path.getParent());
        if (!path.getParent().toRealPath().startsWith(realRoot)) {
            throw outside(outputFile);
        }
        if (Files.isSymbolicLink(path) || Files.isDirectory(path)) {
            throw new IllegalArgumentException("output_file '" + outputFile + "' is a link or a directory");
        }
        return path;
    }

    private static Path realPathOf(Path root) throws IOException {
        Files.createDirectories(root);
        return root.toRealPath();
    }

    private IllegalArgumentException outside(String outputFile) {
        return new IllegalArgumentException("output_file '" + outputFile + "' is outside the output roots " + roots);
    }
}
