package dev.weir.steer;

/**
 * The network types weir tells apart, each with its own parameter set (the design's network
 * characterisation). Ids are the snake_case names used in bundles, reports and time series.
 */
public enum NetworkType {
    /** A wired or Wi-Fi link without random loss: GCC's defaults. */
    WIRED_STABLE("wired_stable"),
    /** Low bandwidth where GCC's own ramp overflows the queue: back off before it does. */
    CONGESTION_PRONE("congestion_prone"),
    /** Radio (non-congestive) loss: hold the rate, ramp faster, protect with FEC. */
    RANDOM_LOSS("random_loss"),
    /** High-bandwidth cellular: delay noise that reads as overuse, capacity that moves. */
    CELLULAR_VARIABLE("cellular_variable");

    private final String id;

    NetworkType(String id) {
        this.id = id;
    }

    /** The snake_case id ({@code random_loss}). */
    public String id() {
        return id;
    }

    /** The type with {@code id}, or null if none has it. */
    public static NetworkType byId(String id) {
        for (NetworkType type : values()) {
            if (type.id.equals(id)) {
                return type;
            }
        }
        return null;
    }
}
