package dev.weir.netpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.rtcp.RtcpFormatException;
import dev.weir.rtcp.RtcpHeader;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** SR, RR and BYE bytes, and the RTT of RFC 3550 section 6.4.1 from LSR and DLSR. */
class RtcpReportsTest {
    private final byte[] buf = new byte[64];
    private final RtcpHeader header = new RtcpHeader();

    @Test
    void senderReportCarriesTheClockAsNtp() throws RtcpFormatException {
        int size = RtcpReports.writeSenderReport(buf, 0, 0x11223344L, 2_500_000, 90_000, 7, 1_000);
        assertEquals(28, size);
        header.read(buf, 0, size);
        assertEquals(RtcpReports.SENDER_REPORT, header.packetType());
        assertEquals(size, header.packetSizeBytes());
        // 2.5 s: seconds 2, fraction 0x80000000; the middle 32 bits are 0x00028000.
        assertEquals("80c80006112233440000000280000000", HexFormat.of().formatHex(buf, 0, 16));
        assertEquals(0x0002_8000L, RtcpReports.compactNtpOfSenderReport(buf, 0));
        assertEquals(RtcpReports.compactNtp(2_500_000), RtcpReports.compactNtpOfSenderReport(buf, 0));
    }

    @Test
    void receiverReportRoundTripsWithANegativeCumulativeLoss() throws RtcpFormatException {
        int size = RtcpReports.writeReceiverReport(buf, 0, 1, 2, 64, -3, 0x0001_0005L, 123, 0xAABBCCDDL, 655);
        assertEquals(32, size);
        header.read(buf, 0, size);
        RtcpReports.ReceiverReport rr = new RtcpReports.ReceiverReport();
        rr.parse(buf, 0, header);
        assertEquals(1, rr.reporterSsrc());
        assertEquals(2, rr.sourceSsrc());
        assertEquals(64, rr.fractionLost());
        assertEquals(-3, rr.cumulativeLost());
        assertEquals(0x0001_0005L, rr.extendedHighestSequence());
        assertEquals(123, rr.jitterUnits());
        assertEquals(0xAABBCCDDL, rr.lastSenderReport());
        assertEquals(655, rr.delaySinceLastSenderReport());
    }

    @Test
    void rttIsArrivalMinusLsrMinusDlsr() {
        long srUs = 1_000_000;
        long lsr = RtcpReports.compactNtp(srUs);
        long holdUs = 5_000;
        long dlsr = holdUs * 65_536 / 1_000_000;
        long arrivalUs = srUs + 30_000; // 25 ms of path, 5 ms held at the receiver
        long rttUs = RtcpReports.roundTripUs(arrivalUs, lsr, dlsr);
        assertTrue(Math.abs(rttUs - 25_000) <= 2 * 1_000_000 / 65_536, "rtt " + rttUs);
        assertEquals(-1, RtcpReports.roundTripUs(arrivalUs, 0, dlsr), "no SR seen: no RTT");
        assertEquals(-1, RtcpReports.roundTripUs(srUs, lsr, dlsr), "negative: clock trouble");
    }

    @Test
    void rttSurvivesTheCompactClockWrap() {
        long srUs = (1L << 16) * 1_000_000 - 10_000; // 10 ms before the 32-bit compact time wraps
        long rttUs = RtcpReports.roundTripUs(srUs + 40_000, RtcpReports.compactNtp(srUs), 0);
        assertTrue(Math.abs(rttUs - 40_000) <= 2 * 1_000_000 / 65_536, "rtt " + rttUs);
    }

    @Test
    void aReceiverReportWithoutABlockIsRejected() throws RtcpFormatException {
        byte[] empty = HexFormat.of().parseHex("80c9000100000001");
        header.read(empty, 0, empty.length);
        RtcpReports.ReceiverReport rr = new RtcpReports.ReceiverReport();
        assertThrows(RtcpFormatException.class, () -> rr.parse(empty, 0, header));
    }

    @Test
    void byeNamesTheSsrc() throws RtcpFormatException {
        int size = RtcpReports.writeBye(buf, 0, 0x12345678L);
        assertEquals("81cb000112345678", HexFormat.of().formatHex(buf, 0, size));
        header.read(buf, 0, size);
        assertEquals(RtcpReports.BYE, header.packetType());
    }
}
