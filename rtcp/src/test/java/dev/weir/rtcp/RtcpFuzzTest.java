package dev.weir.rtcp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.weir.bwe.api.FeedbackReport;

/**
 * Both feedback parsers and the adapter, fed arbitrary bytes: a packet parses (and then joins) or
 * throws {@link RtcpFormatException}, nothing else (an unexpected exception or Error fails the
 * test). In {@code verify} this replays the seed corpus in
 * src/test/resources/dev/weir/rtcp/RtcpFuzzTestInputs/&lt;method&gt;/; a campaign command is in
 * docs/DEVELOPMENT.md.
 */
class RtcpFuzzTest {
    private final TransportFeedback twcc = new TransportFeedback();
    private final CongestionControlFeedback ccfb = new CongestionControlFeedback();
    private final TransportFeedbackAdapter adapter = new TransportFeedbackAdapter(1024, 1_000_000);
    private final FeedbackReport report = new FeedbackReport();

    RtcpFuzzTest() {
        for (int i = 0; i < 2_000; i++) {
            adapter.onPacketSent(i, i * 1_000L, 1_000, FeedbackReport.NOT_A_PROBE, i % 3, i);
        }
    }

    @FuzzTest
    void transportFeedbackBytesParseAndJoinOrGiveAFormatError(byte[] input) {
        try {
            twcc.parse(input, 0, input.length);
            report.clear();
            adapter.onTransportFeedback(twcc, 5_000_000, report);
        } catch (RtcpFormatException expected) {
            // the documented failure
        }
    }

    @FuzzTest
    void congestionControlFeedbackBytesParseAndJoinOrGiveAFormatError(byte[] input) {
        try {
            ccfb.parse(input, 0, input.length);
            report.clear();
            adapter.onCongestionControlFeedback(ccfb, 5_000_000, report);
        } catch (RtcpFormatException expected) {
            // the documented failure
        }
    }
}
