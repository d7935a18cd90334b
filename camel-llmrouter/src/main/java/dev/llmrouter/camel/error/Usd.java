package dev.llmrouter.camel.error;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formats USD amounts for exception messages: at least 2 and at most 10 decimals, never scientific notation. */
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
}
