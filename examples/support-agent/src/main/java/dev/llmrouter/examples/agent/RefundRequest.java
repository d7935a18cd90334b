package dev.llmrouter.examples.agent;

import dev.llmrouter.camel.agent.LlmTool;

/**
 * The arguments of tool {@code request_refund}, the body that route {@code direct:requestRefund} receives.
 *
 * @param orderId the order to refund
 * @param reason  why, in the customer's words
 */
@LlmTool(name = "request_refund",
         description = "Files a refund request for a delivered order; answers accepted (with the refund id) or refused (with the reason)")
public record RefundRequest(long orderId, String reason) {
}
