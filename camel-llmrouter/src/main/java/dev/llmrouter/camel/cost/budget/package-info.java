/**
 * Internal, may change; except {@link dev.llmrouter.camel.cost.budget.BudgetLedger}, an SPI an application may
 * implement to keep budget spend elsewhere (and the {@code LedgerRow} it returns). Budget definitions and periods,
 * reservations, the in-memory, JDBC and journaled ledgers, lease renewal, and the per-minute rate limits.
 */
package dev.llmrouter.camel.cost.budget;
