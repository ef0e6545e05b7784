package dev.weir.netpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The media packets on the wire: RFC 3550 header, RFC 8285 one-byte extension, transport sequence number. */
class RtpPacketsTest {
    private final byte[] buf = new byte[1500];
    private final RtpPackets.Parsed parsed = new RtpPackets.Parsed();

    @Test
    void writesTheHeaderByteForByte() {
        int size = RtpPackets.write(buf, 24, 96, true, 0x1234, 0xA1B2C3D4L, 0x01020304L, 0xFFFE);
        assertEquals(24, size);
        assertEquals("90e01234a1b2c3d401020304bede000151fffe0000000000",
                HexFormat.of().formatHex(buf, 0, size));
    }

    @Test
    void roundTripsEveryField() {
        for (int sequence : new int[] {0, 1, 0x7FFF, 0xFFFF}) {
            int size = RtpPackets.write(buf, 1172, RtpPackets.FILLER_PAYLOAD_TYPE, false, 65535, 0xFFFFFFFFL,
                    0xFEDCBA98L, sequence);
            assertTrue(parsed.parse(buf, size), () -> parsed.problem());
            assertEquals(sequence, parsed.transportSequence());
            assertEquals(RtpPackets.FILLER_PAYLOAD_TYPE, parsed.payloadType());
            assertFalse(parsed.marker());
            assertEquals(65535, parsed.rtpSequence());
            assertEquals(0xFFFFFFFFL, parsed.rtpTimestamp());
            assertEquals(0xFEDCBA98L, parsed.ssrc());
            assertNull(parsed.problem());
        }
    }

    @Test
    void theSmallestDatagramIsTheHeaders() {
        assertEquals(20, RtpPackets.HEADER_BYTES);
        assertThrows(IllegalArgumentException.class, () -> RtpPackets.write(buf, 19, 96, false, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> RtpPackets.write(buf, 1501, 96, false, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> RtpPackets.write(buf, 100, 128, false, 0, 0, 0, 0));
    }

    @Test
    void findsTheElementBehindPaddingAndOtherElements() {
        // CSRC count 1, extension of 2 words: padding byte, element ID 3 (1 byte), element ID 5 (2 bytes), padding.
        byte[] packet = HexFormat.of().parseHex("91600001" + "00000010" + "00000020" + "00000030"
                + "bede0002" + "0030aa51" + "0102" + "0000");
        assertTrue(parsed.parse(packet, packet.length), () -> parsed.problem());
        assertEquals(0x0102, parsed.transportSequence());
    }

    @Test
    void rejectsWhatIsNotAnRtpPacketWithTheSequenceNumber() {
        assertRejected("80600001000000100000002000", "no header extension");
        assertRejected("50600001" + "00000010" + "00000020" + "bede0001" + "51000100", "version 1");
        assertRejected("90600001" + "00000010" + "00000020" + "10000001" + "51000100", "profile 0x1000");
        assertRejected("90600001" + "00000010" + "00000020" + "bede0002" + "51000100", "beyond the");
        assertRejected("90600001" + "00000010" + "00000020" + "bede0001" + "52000100", "of 3 bytes");
        assertRejected("90600001" + "00000010" + "00000020" + "bede0001" + "31000100", "no transport-wide");
        assertRejected("90600001" + "00000010" + "00000020" + "bede0001" + "f5000100", "no transport-wide");
        assertRejected("9060", "datagram of 2 bytes");
    }

    @Test
    void tellsRtcpFromRtpByTheSecondByte() {
        assertTrue(RtpPackets.isRtcp(HexFormat.of().parseHex("80c80006"), 4)); // SR, PT 200
        assertTrue(RtpPackets.isRtcp(HexFormat.of().parseHex("8fcd0004"), 4)); // TWCC, PT 205
        assertFalse(RtpPackets.isRtcp(HexFormat.of().parseHex("90600001"), 4)); // PT 96
        assertFalse(RtpPackets.isRtcp(HexFormat.of().parseHex("90e00001"), 4)); // PT 96 with the marker bit
        assertFalse(RtpPackets.isRtcp(new byte[1], 1));
    }

    private void assertRejected(String hex, String why) {
        byte[] packet = HexFormat.of().parseHex(hex);
        assertFalse(parsed.parse(packet, packet.length), hex);
        assertTrue(parsed.problem().contains(why), () -> parsed.problem() + " should say " + why);
    }
}
