package dev.llmrouter.camel.error;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How USD amounts are shown to users, in one place: plain decimals without trailing zeros ({@code 0.0000737},
 * {@code 0}, {@code 10}), never scale-padded ({@code 0.000073700000}) nor scientific ({@code 0E-12}). Headers, the
 * dev console, ledger rows, the usage log and exception messages all go through here. It lives in the error package
 * because every other package may use it (see docs/architecture.md).
 */
public final class Usd {

    private Usd() {
    }

    /**
     * The amount without trailing zeros and with a scale of at least 0 (so {@code 10} stays {@code 10}, not
     * {@code 1E+1}); null stays null. The value is unchanged ({@code compareTo} is 0).
     */
    public static BigDecimal plain(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        if (amount.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal v = amount.stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0, RoundingMode.UNNECESSARY) : v;
    }

    /** {@link #plain} as text, e.g. {@code 0.0000737}; the empty string for null. */
    public static String text(BigDecimal amount) {
        return amount == null ? "" : plain(amount).toPlainString();
    }

    /** An amount for exception messages: {@code $} and at least 2, at most 10 decimals ({@code $0.00}). */
    public static String format(BigDecimal amount) {
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
     * {@code containsValue(null)}, which immutable {@code Map.of} maps reject with an NPE. Amounts become
     * {@link #text}.
     */
    static Map<String, Object> metadata(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            m.put(String.valueOf(keyValues[i]), v == null ? null
                    : v instanceof BigDecimal d ? text(d) : String.valueOf(v));
        }
        return m;
    }
}
