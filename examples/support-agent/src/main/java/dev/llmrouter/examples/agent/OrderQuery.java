package dev.llmrouter.examples.agent;

import dev.llmrouter.camel.agent.LlmTool;

/**
 * The arguments of tool {@code lookup_order}: the route {@code direct:lookupOrder} receives one of these as its body,
 * and the tool's JSON Schema is derived from it.
 *
 * @param orderId the order number the customer gave
 */
@LlmTool(name = "lookup_order",
         description = "Finds an order by its number: the customer, the item, its status, the delivery date and the total")
public record OrderQuery(long orderId) {
}
