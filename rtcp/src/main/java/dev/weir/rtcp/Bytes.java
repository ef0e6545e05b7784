package dev.weir.rtcp;

/** Big-endian (network order) reads and writes. Stateless. */
final class Bytes {
    private Bytes() {
    }

    static int u8(byte[] buf, int at) {
        return buf[at] & 0xFF;
    }

    static int u16(byte[] buf, int at) {
        return (buf[at] & 0xFF) << 8 | (buf[at + 1] & 0xFF);
    }

    static int s16(byte[] buf, int at) {
        return (short) u16(buf, at);
    }

    static int u24(byte[] buf, int at) {
        return (buf[at] & 0xFF) << 16 | (buf[at + 1] & 0xFF) << 8 | (buf[at + 2] & 0xFF);
    }

    static long u32(byte[] buf, int at) {
        return ((long) u16(buf, at) << 16) | u16(buf, at + 2);
    }

    static void put16(byte[] buf, int at, int value) {
        buf[at] = (byte) (value >>> 8);
        buf[at + 1] = (byte) value;
    }

    static void put24(byte[] buf, int at, int value) {
        buf[at] = (byte) (value >>> 16);
        buf[at + 1] = (byte) (value >>> 8);
        buf[at + 2] = (byte) value;
    }

    static void put32(byte[] buf, int at, long value) {
        put16(buf, at, (int) (value >>> 16));
        put16(buf, at + 2, (int) value);
    }
}
