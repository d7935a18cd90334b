package dev.llmrouter.camel.cost;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One line of a ledger snapshot, for dashboards.
 *
 * @param budget      the budget name
 * @param scopeKey    the scope key
 * @param windowStart the window's start
 * @param spent       settled spending in the window, USD
 * @param reserved    amounts held by open reservations, USD
 */
public record LedgerRow(String budget, String scopeKey, Instant windowStart, BigDecimal spent, BigDecimal reserved) {
}
