package org.daqhub.writer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.processors.io.DurableFiles;
import org.daqhub.processors.io.SafeFiles;
import org.daqhub.processors.filewriter.FileSeries;
import org.daqhub.processors.filewriter.WriteRequest;
import org.daqhub.processors.filewriter.hdf5.Compression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write requests being written, one file each under {@code <data-dir>/writer/journal}: written
 * (atomically) before the first image, removed once the request's final status is published. A
 * file still there at start is a request the hub stopped in the middle of (kill -9, a crash, a lost
 * node): its client was told {@code request_start} and nothing since, and its files are on disk
 * as far as they got. The agent ends it ({@link WriterAgent#interrupted}).
 */
final class WriteJournal {

    private static final Logger LOG = LoggerFactory.getLogger(WriteJournal.class);

    /** What a journal file holds: enough to rebuild the request and find its files. */
    record Entry(@JsonProperty("request_id") String requestId, @JsonProperty("request") String requestBase64,
            String detector, @JsonProperty("output_file") String outputFile, long images,
            @JsonProperty("images_per_file") int imagesPerFile, String compression, List<String> files,
            String directory) {

        static Entry of(WriteRequest r, byte[] requestBytes) {
            return new Entry(r.requestId(), Base64.getEncoder().encodeToString(requestBytes), r.detector(),
                    r.outputFile(), r.images(), r.series().imagesPerFile(), r.compression().label(),
                    r.series().files().stream().map(Path::toString).toList(), r.series().realDirectory().toString());
        }

        WriteRequest request() {
            return new WriteRequest(requestId, detector, outputFile, images, new FileSeries(
                    files.stream().map(Path::of).toList(), imagesPerFile, Path.of(directory)),
                    Compression.parse(compression));
        }

        byte[] requestBytes() {
            return Base64.getDecoder().decode(requestBase64);
        }
    }

    private final Path dir;
    private final ObjectMapper json;

    WriteJournal(Path dir, ObjectMapper json) {
        this.dir = dir;
        this.json = json;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the writer's journal " + dir, e);
        }
    }

    void begin(WriteRequest request, byte[] requestBytes) throws IOException {
        Path file = file(request.requestId());
        DurableFiles.writeAtomically(file.resolveSibling(file.getFileName() + ".tmp"), file,
                json.writeValueAsBytes(Entry.of(request, requestBytes)), false, true);
    }

    void end(String requestId) {
        try {
            if (Files.deleteIfExists(file(requestId))) {
                DurableFiles.syncDirectory(dir);
            }
        } catch (IOException e) {
            LOG.warn("Journal entry of write request {} not removed ({}): it will be reported as interrupted at the"
                    + " next start", requestId, e.getMessage());
        }
    }

    /** The requests a previous run left unfinished; unreadable entries are logged and set aside. */
    List<Entry> unfinished() {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                try {
                    entries.add(json.readValue(f.toFile(), Entry.class));
                } catch (IOException | RuntimeException e) {
                    LOG.error("Writer journal entry {} unreadable ({}): moved aside, its request not announced", f,
                            e.getMessage());
                    Files.move(f, f.resolveSibling(f.getFileName() + ".unreadable"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the writer's journal " + dir, e);
        }
        // a .tmp is an entry whose write did not complete: its request had not started writing
        try (Stream<Path> temps = Files.list(dir)) {
            for (Path t : temps.filter(p -> p.toString().endsWith(".tmp")).toList()) {
                Files.deleteIfExists(t);
            }
        } catch (IOException e) {
            LOG.warn("Temporary journal files not removed: {}", e.getMessage());
        }
        return entries;
    }

    /** Named by a digest of the id: request ids come from clients. */
    private Path file(String requestId) {
        return dir.resolve(SafeFiles.nameFor(requestId, ".json"));
    }
}
