package dev.llmrouter.examples.quarkus;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The structured answer the route asks for ({@code outputClass}): one label, which names the queue the ticket goes
 * to ({@code seda:classified.<label>}).
 */
public record TicketLabel(@JsonPropertyDescription("The team that should handle the ticket") Label label) {

    /** The labels, one output queue each. */
    public enum Label {
        BILLING, SHIPPING, ACCOUNT, TECHNICAL, OTHER;

        /**
         * The label as the model writes it and as the queue is named.
         *
         * @return the lower-case name
         */
        @JsonValue
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
