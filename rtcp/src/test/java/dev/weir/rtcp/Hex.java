package dev.weir.rtcp;

/** Byte arrays written as hex in tests ("af cd 00 05"; spaces and '|' ignored). */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String hex) {
        String digits = hex.replaceAll("[\\s|]", "");
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + hex);
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static String of(byte[] bytes, int offset, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", bytes[offset + i] & 0xFF));
        }
        return sb.toString();
    }

    static String of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }
}
