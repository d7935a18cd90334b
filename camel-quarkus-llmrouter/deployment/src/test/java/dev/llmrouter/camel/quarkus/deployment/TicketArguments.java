package dev.llmrouter.camel.quarkus.deployment;

import dev.llmrouter.camel.agent.LlmTool;

/**
 * An application's tool-argument class: the extension must register it for reflection (Jackson reads it and the
 * schema generator walks its fields).
 *
 * @param ticketId the ticket to look up
 */
@LlmTool(name = "lookup_ticket", description = "Looks a support ticket up by id.")
public record TicketArguments(String ticketId) {
}
