package dev.weir.bwe.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies and decodes the bytes of a {@link ModelArtifact} (format in its Javadoc): preamble,
 * header, tensor placement against the architecture, blob digest, finite weights and the
 * digest in the file name. Sizes are checked before anything is allocated for them.
 *
 * <p>Stateless and thread-safe.
 */
final class ArtifactDecoder {
    private static final byte[] MAGIC = ModelArtifact.MAGIC;
    private static final int PREAMBLE_BYTES = ModelArtifact.PREAMBLE_BYTES;
    private static final int MAX_HEADER_BYTES = ModelArtifact.MAX_HEADER_BYTES;
    private static final Pattern DIGEST_NAME = Pattern.compile("([0-9a-f]{64})(\\.weirmodel)?");

    private ArtifactDecoder() {
    }

    /**
     * Checks the first bytes of a file of {@code fileBytes} bytes (at most {@link
     * ModelArtifact#PREAMBLE_BYTES} of them are looked at): magic and a header length that fits the
     * caps and the file. Lets a reader reject a non-artifact before reading the rest.
     */
    static long checkPreamble(byte[] start, long fileBytes, String source) {
        if (fileBytes < PREAMBLE_BYTES || start.length < PREAMBLE_BYTES) {
            throw new ModelFormatException(source, "file is " + fileBytes + " bytes, shorter than the "
                    + PREAMBLE_BYTES + "-byte preamble (magic and header length): truncated");
        }
        if (!Arrays.equals(start, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new ModelFormatException(source, "wrong magic bytes " + HexFormat.of().formatHex(start, 0,
                    MAGIC.length) + ", expected " + HexFormat.of().formatHex(MAGIC)
                    + " (\"WEIRMDL1\"): not a weir model file");
        }
        long headerBytes = Integer.toUnsignedLong(ByteBuffer.wrap(start).order(ByteOrder.LITTLE_ENDIAN)
                .getInt(MAGIC.length));
        if (headerBytes == 0 || headerBytes > MAX_HEADER_BYTES) {
            throw new ModelFormatException(source, "header length " + headerBytes + " bytes is outside [1, "
                    + MAX_HEADER_BYTES + "]");
        }
        if (PREAMBLE_BYTES + headerBytes > fileBytes) {
            throw new ModelFormatException(source, "header length " + headerBytes + " bytes runs past the end of the "
                    + fileBytes + "-byte file: truncated");
        }
        return headerBytes;
    }

    static ModelArtifact decode(byte[] bytes, String source) {
        long headerBytes = checkPreamble(bytes, bytes.length, source);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        String json = utf8(bytes, (int) headerBytes, source);
        ArtifactHeader header = HeaderReader.read(json, source);
        int blobStart = PREAMBLE_BYTES + (int) headerBytes;
        long blobBytes = bytes.length - (long) blobStart;
        checkTensors(header, blobBytes, source);
        String blobSha = ModelArtifact.sha256Hex(bytes, blobStart, (int) blobBytes);
        if (!blobSha.equals(header.blobSha256())) {
            throw new ModelFormatException(source, "blob digest " + blobSha + " does not match blob_sha256 "
                    + header.blobSha256() + " in the header: the weights are corrupt");
        }
        Map<String, float[]> tensors = new HashMap<>();
        for (TensorSpec spec : header.tensors()) {
            tensors.put(spec.name(), floats(buffer, blobStart, spec, source));
        }
        String sha256 = ModelArtifact.sha256Hex(bytes, 0, bytes.length);
        checkFileName(source, sha256);
        return new ModelArtifact(bytes, sha256, header, Map.copyOf(tensors));
    }

    private static String utf8(byte[] bytes, int length, String source) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, PREAMBLE_BYTES, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(source, "header is not valid UTF-8");
        }
    }

    /** Shapes against the architecture, then placement: inside the blob, aligned, disjoint, covering. */
    private static void checkTensors(ArtifactHeader header, long blobBytes, String source) {
        ModelArchitecture arch = header.architecture();
        long neededBytes = arch.parameterCount() * TensorSpec.BYTES_PER_VALUE;
        if (blobBytes != neededBytes) {
            throw new ModelFormatException(source, "blob is " + blobBytes + " bytes but the architecture's "
                    + arch.parameterCount() + " parameters need " + neededBytes + " bytes"
                    + (blobBytes < neededBytes ? ": truncated" : ": trailing bytes"));
        }
        Map<String, TensorSpec> expected = new LinkedHashMap<>();
        for (TensorSpec spec : arch.tensorLayout()) {
            expected.put(spec.name(), spec);
        }
        Map<String, TensorSpec> seen = new HashMap<>();
        for (TensorSpec spec : header.tensors()) {
            TensorSpec want = expected.get(spec.name());
            if (want == null) {
                throw new ModelFormatException(source, "tensor '" + spec.name()
                        + "' is not part of the architecture; expected " + expected.keySet());
            }
            if (seen.put(spec.name(), spec) != null) {
                throw new ModelFormatException(source, "tensor '" + spec.name() + "' is listed twice");
            }
            if (!spec.shape().equals(want.shape())) {
                throw new ModelFormatException(source, "tensor '" + spec.name() + "' has shape " + spec.shape()
                        + " but the architecture needs " + want.shape());
            }
            if (spec.lengthBytes() != want.lengthBytes()) {
                throw new ModelFormatException(source, "tensor '" + spec.name() + "' length " + spec.lengthBytes()
                        + " bytes does not match its shape " + spec.shape() + " (" + want.lengthBytes() + " bytes)");
            }
            if (spec.offsetBytes() % TensorSpec.BYTES_PER_VALUE != 0 || spec.offsetBytes() > blobBytes
                    || spec.lengthBytes() > blobBytes - spec.offsetBytes()) {
                throw new ModelFormatException(source, "tensor '" + spec.name() + "' at offset " + spec.offsetBytes()
                        + " with length " + spec.lengthBytes() + " bytes is misaligned or outside the "
                        + blobBytes + "-byte blob");
            }
        }
        List<TensorSpec> byOffset = new ArrayList<>(header.tensors());
        byOffset.sort(Comparator.comparingLong(TensorSpec::offsetBytes));
        long end = 0;
        for (TensorSpec spec : byOffset) {
            if (spec.offsetBytes() < end) {
                throw new ModelFormatException(source, "tensor '" + spec.name() + "' at offset "
                        + spec.offsetBytes() + " overlaps the previous tensor, which ends at " + end);
            }
            end = spec.offsetBytes() + spec.lengthBytes();
        }
    }

    private static float[] floats(ByteBuffer buffer, int blobStart, TensorSpec spec, String source) {
        float[] values = new float[(int) spec.elementCount()];
        int position = blobStart + (int) spec.offsetBytes();
        for (int i = 0; i < values.length; i++) {
            float value = buffer.getFloat(position + i * TensorSpec.BYTES_PER_VALUE);
            if (!Float.isFinite(value)) {
                throw new ModelFormatException(source, "tensor '" + spec.name() + "' value " + i + " is " + value
                        + ": weights must be finite");
            }
            values[i] = value;
        }
        return values;
    }

    private static void checkFileName(String source, String sha256) {
        String name = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
        Matcher matcher = DIGEST_NAME.matcher(name);
        if (matcher.matches() && !matcher.group(1).equals(sha256)) {
            throw new ModelFormatException(source, "file is named after digest " + matcher.group(1)
                    + " but its bytes have SHA-256 " + sha256 + ": corrupt or renamed");
        }
    }
}
