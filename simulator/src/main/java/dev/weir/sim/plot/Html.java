package dev.weir.sim.plot;

/**
 * HTML/SVG text escaping.
 *
 * <p>Immutable and thread-safe (static functions only).
 */
final class Html {
    private Html() {
    }

    /** {@code s} safe inside element text and double-quoted attributes. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
