package dev.weir.bwe.util;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 (FIPS 180-4), the one digest weir names things by: feature schemas, containers, model
 * file names.
 *
 * <p>Stateless and thread-safe; each call uses its own {@link MessageDigest}.
 */
public final class Sha256 {
    /** Bytes of a digest. */
    public static final int BYTES = 32;

    private Sha256() {
    }

    /** A fresh SHA-256 digest (every Java platform must provide one). */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /** Lowercase hex SHA-256 of {@code bytes[offset, offset + length)}. */
    public static String hex(byte[] bytes, int offset, int length) {
        MessageDigest digest = newDigest();
        digest.update(bytes, offset, length);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Lowercase hex SHA-256 of {@code bytes}. */
    public static String hex(byte[] bytes) {
        return hex(bytes, 0, bytes.length);
    }

    /** Lowercase hex SHA-256 of the UTF-8 encoding of {@code text}. */
    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
