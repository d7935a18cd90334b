/**
 * Internal, may change. The cost rules of an endpoint: {@code CostGovernor} (allow and deny lists, the worst-case
 * ceiling, budget admission and downgrade), prices and their catalog, token and cost estimates.
 */
package dev.llmrouter.camel.cost;
