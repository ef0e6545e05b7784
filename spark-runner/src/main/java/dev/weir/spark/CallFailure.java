package dev.weir.spark;

import java.io.Serializable;

/**
 * A call that threw on an executor, as it travels back to the driver.
 *
 * <p>Immutable and thread-safe.
 *
 * @param description the call's description
 * @param text what was thrown and where: {@code toString()} and the stack trace
 * @param thrown the exception itself, serialized, or null when it cannot be (the driver then
 *     rebuilds a {@link RemoteCallException} from {@code text})
 */
record CallFailure(String description, String text, byte[] thrown) implements Serializable {
    private static final long serialVersionUID = 1L;
}
