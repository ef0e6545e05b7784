package dev.weir.rtcp;

/**
 * Receives the feedback packets a generator builds. The bytes live in the generator's buffer and
 * are valid only during the call: send or copy them before returning. Implementations decide
 * their own thread-safety; generators call them on the thread that drives the generator.
 */
@FunctionalInterface
public interface FeedbackPacketSink {
    void onFeedbackPacket(byte[] packet, int offset, int lengthBytes);
}
