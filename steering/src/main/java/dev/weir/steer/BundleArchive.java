package dev.weir.steer;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.config.Validatable;
import dev.weir.bwe.container.CanonicalJson;
import dev.weir.bwe.container.ContainerFormat;
import dev.weir.bwe.container.ContainerFormatException;
import dev.weir.bwe.container.ContainerReader;
import dev.weir.bwe.container.ContainerWriter;
import dev.weir.bwe.model.ModelArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A bundle as one file, for delivery over a connection: the project's container
 * ({@code dev.weir.bwe.container}) with magic {@code WEIRBNDL}, a header listing the files in
 * order (name and size; {@code manifest.json} first) and the files' bytes one after the other as
 * the blob. The archive adds only framing and a whole-file SHA-256; what a bundle is and how it is
 * verified stay with the manifest, so a bundle has the same id (the manifest's digest) as a
 * directory and as an archive, and {@link BundleLoader} verifies both the same way.
 *
 * <p>Thread-safe: stateless.
 */
public final class BundleArchive {
    /** Most files an archive may hold: the manifest, four sets, the decision settings, a model and room to grow. */
    static final int MAX_FILES = 16;
    /** Container format: every bundle file at most 1 MiB of JSON or one model, and at most 16 files. */
    public static final ContainerFormat FORMAT = new ContainerFormat("WEIRBNDL", 1, "weir bundle", 64 << 10,
            ModelArtifact.MAX_FILE_BYTES + MAX_FILES * BundleLoader.MAX_JSON_BYTES);
    /** File extension of archives. */
    public static final String EXTENSION = ".weirbundle";

    /** The header: the files in blob order. */
    record Header(List<Entry> files) implements Validatable {
        /** One file of the blob. */
        record Entry(String name, long bytes) {
        }

        @Override
        public void validate(ConfigCheck check) {
            check.require(files != null && !files.isEmpty() && files.size() <= MAX_FILES, "files",
                    files == null ? null : files.size(), "must list 1 to " + MAX_FILES + " files");
            if (files == null) {
                return;
            }
            check.require(!files.isEmpty() && files.get(0) != null && BundleLoader.MANIFEST.equals(files.get(0).name()),
                    "files[0].name", files.isEmpty() || files.get(0) == null ? null : files.get(0).name(),
                    "must be " + BundleLoader.MANIFEST);
            Set<String> names = new HashSet<>();
            for (int i = 0; i < files.size(); i++) {
                Entry entry = files.get(i);
                ConfigCheck at = check.child("files[" + i + "]");
                at.notNull("entry", entry);
                if (entry == null) {
                    continue;
                }
                at.require(BundleManifest.isPlainFileName(entry.name()), "name", entry.name(),
                        "must be a plain file name (no directories)");
                at.require(entry.name() == null || names.add(entry.name()), "name", entry.name(),
                        "must appear once");
                long cap = entry.name() != null && entry.name().endsWith(".json") ? BundleLoader.MAX_JSON_BYTES
                        : ModelArtifact.MAX_FILE_BYTES;
                at.range("bytes", entry.bytes(), 0, cap);
            }
        }

        long totalBytes() {
            long total = 0;
            for (Entry entry : files) {
                total += entry.bytes();
            }
            return total;
        }
    }

    private BundleArchive() {
    }

    /** Packs the bundle directory {@code dir} (verified first) into one archive file, atomically. */
    public static void pack(Path dir, Path target) throws IOException {
        BundleLoader.load(dir); // only a valid bundle is packed
        BundleManifest manifest = SettingsJson.read(dir.resolve(BundleLoader.MANIFEST), BundleManifest.class);
        List<String> names = new ArrayList<>();
        names.add(BundleLoader.MANIFEST);
        names.addAll(manifest.fileNames());
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<Header.Entry> entries = new ArrayList<>();
        for (String name : names) {
            byte[] bytes = Files.readAllBytes(dir.resolve(name));
            files.put(name, bytes);
            entries.add(new Header.Entry(name, bytes.length));
        }
        Header header = new Header(entries);
        ContainerWriter.writeFile(target, FORMAT, CanonicalJson.write(header), header.totalBytes(), out -> {
            for (byte[] bytes : files.values()) {
                out.write(bytes);
            }
        });
    }

    /**
     * Reads an archive's files (name -> bytes, in order), checking the framing, the header and the
     * whole-file SHA-256; the bundle itself is verified by {@link BundleLoader}.
     *
     * @param lengthBytes the stream's exact length, or -1 when unknown (a connection)
     * @throws BundleException naming the source and the problem
     */
    static Map<String, byte[]> read(InputStream in, long lengthBytes, String source) {
        try (ContainerReader reader = ContainerReader.open(in, lengthBytes, FORMAT, source)) {
            Header header;
            try {
                header = SettingsJson.read(reader.headerText(), Header.class, source + " header");
            } catch (InvalidSettingsException e) {
                throw new BundleException(source, e.problems());
            }
            if (header.totalBytes() != reader.blobBytes()) {
                throw new BundleException(source, List.of("header lists " + header.totalBytes()
                        + " bytes of files, the blob holds " + reader.blobBytes()));
            }
            Map<String, byte[]> files = new LinkedHashMap<>();
            InputStream blob = reader.blob();
            for (Header.Entry entry : header.files()) {
                files.put(entry.name(), blob.readNBytes((int) entry.bytes()));
            }
            reader.finish();
            return files;
        } catch (ContainerFormatException e) {
            throw new BundleException(source, List.of(e.getMessage()));
        } catch (IOException e) {
            throw new BundleException(source, List.of("cannot read: " + e.getMessage()));
        }
    }
}
