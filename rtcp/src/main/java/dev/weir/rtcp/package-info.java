/**
 * Transport-wide congestion control feedback as bytes, for RTC clients that embed weir.
 *
 * <p>Sender side: {@link dev.weir.rtcp.TransportFeedback} (TWCC, RTCP RTPFB FMT 15,
 * draft-holmer-rmcat-transport-wide-cc-extensions-01) and
 * {@link dev.weir.rtcp.CongestionControlFeedback} (RFC 8888, RTPFB FMT 11) parse one RTCP packet
 * from raw bytes with strict validation ({@link dev.weir.rtcp.RtcpFormatException} names the
 * problem and the byte offset); {@link dev.weir.rtcp.TransportFeedbackAdapter} keeps the send
 * history, joins each parsed feedback packet with it and fills the estimator's
 * {@link dev.weir.bwe.api.FeedbackReport}.
 *
 * <p>Receiver side: {@link dev.weir.rtcp.TwccFeedbackGenerator} and
 * {@link dev.weir.rtcp.CongestionControlFeedbackGenerator} turn packet arrivals into feedback
 * packets on libwebrtc's schedule; {@link dev.weir.rtcp.TransportFeedbackBuilder} and
 * {@link dev.weir.rtcp.CongestionControlFeedbackBuilder} write the bytes.
 *
 * <p>Thread-safety: nothing in this package is thread-safe except the enum
 * {@link dev.weir.rtcp.RtcpProblem}, the immutable {@link dev.weir.rtcp.RtcpFormatException} and
 * the static helpers of {@link dev.weir.rtcp.CompactNtp}.
 * Use each instance from one thread (the client's network thread), like the estimator itself.
 * Steady-state calls allocate nothing: storage is preallocated or grows only when a packet is
 * larger than any before, bounded by the format's limits.
 */
package dev.weir.rtcp;
