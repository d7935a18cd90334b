package dev.llmrouter.examples.queue;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;

/** The structured answer: one label, which names the queue the ticket goes to (classified.&lt;label&gt;). */
public record TicketLabel(@JsonPropertyDescription("The team that should handle the ticket") Label label) {

    /** The labels, one output queue each. */
    public enum Label {
        BILLING, SHIPPING, ACCOUNT, TECHNICAL, OTHER;

        @JsonValue
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
