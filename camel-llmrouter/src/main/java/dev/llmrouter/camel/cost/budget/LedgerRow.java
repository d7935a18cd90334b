package dev.llmrouter.camel.cost.budget;

import java.math.BigDecimal;
import java.time.Instant;

import dev.llmrouter.camel.error.Usd;

/**
 * One line of a ledger snapshot, for dashboards. Amounts are kept as users read them: plain, without the ledger's
 * trailing zeros ({@code 0.0000737}, {@code 0}), so {@code toString} and JSON show them that way.
 *
 * @param budget      the budget name
 * @param scopeKey    the scope key
 * @param windowStart the window's start
 * @param spent       settled spending in the window, USD
 * @param reserved    amounts held by open reservations, USD
 */
public record LedgerRow(String budget, String scopeKey, Instant windowStart, BigDecimal spent, BigDecimal reserved) {

    /** Strips the amounts' trailing zeros (their values are unchanged). */
    public LedgerRow {
        spent = Usd.plain(spent);
        reserved = Usd.plain(reserved);
    }
}
