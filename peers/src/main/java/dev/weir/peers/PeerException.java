package dev.weir.peers;

/**
 * A peer cannot be used: no peers root, an unknown peer, a folder without a model, or a model file
 * ONNX Runtime rejects or whose signature is not the MMSys'24 one. The message names the file or
 * the folder and what is wrong; the CLI maps it to exit code 2. Immutable and thread-safe.
 */
public final class PeerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PeerException(String message) {
        super(message);
    }

    public PeerException(String message, Throwable cause) {
        super(message, cause);
    }
}
