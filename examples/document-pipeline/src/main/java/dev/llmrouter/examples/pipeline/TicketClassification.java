package dev.llmrouter.examples.pipeline;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What the model must answer for each ticket. The component derives a strict JSON schema from this record (option
 * {@code outputClass}), sends it as the response format, checks the answer against it ({@code escalateOn=schema})
 * and reads the answer into an instance, which becomes the message body.
 */
public record TicketClassification(
        @JsonPropertyDescription("The team that should handle the ticket") Category category,
        @JsonPropertyDescription("How urgent the ticket is: urgent when a business is down, data is lost or a"
                                 + " security issue is reported; high when a customer is blocked or money is at stake")
        Priority priority,
        @JsonPropertyDescription("The ISO 639-1 code of the language the ticket is written in, e.g. en, de, ja")
        String language,
        @JsonPropertyDescription("One English sentence, at most 25 words, saying what the customer needs")
        String summary) {

    /** The team a ticket goes to. */
    public enum Category {
        BILLING, SHIPPING, ACCOUNT, TECHNICAL, PRODUCT, FEEDBACK, SPAM;

        @JsonValue
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How soon a ticket needs an answer. */
    public enum Priority {
        LOW, NORMAL, HIGH, URGENT;

        @JsonValue
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
