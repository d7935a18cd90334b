package dev.llmrouter.camel.error;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers for the cost exceptions. Formats USD amounts for exception messages: at least 2 and at most 10 decimals, never scientific notation. */
final class Usd {

    private Usd() {
    }

    static String format(BigDecimal amount) {
        if (amount == null) {
            return "unknown";
        }
        BigDecimal v = amount.stripTrailingZeros();
        if (v.scale() > 10) {
            v = v.setScale(10, RoundingMode.HALF_UP).stripTrailingZeros();
        }
        if (v.scale() < 2) {
            v = v.setScale(2, RoundingMode.UNNECESSARY);
        }
        return (v.signum() < 0 ? "-$" + v.negate().toPlainString() : "$" + v.toPlainString());
    }

    /**
     * Metadata from key/value pairs in a mutable map: {@link LlmRouterException} probes metadata with
     * {@code containsValue(null)}, which immutable {@code Map.of} maps reject with an NPE.
     */
    static Map<String, Object> metadata(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put(String.valueOf(keyValues[i]), keyValues[i + 1] == null ? null : String.valueOf(keyValues[i + 1]));
        }
        return m;
    }
}
