package dev.llmrouter.camel.routing;

import java.util.EnumSet;
import java.util.Set;

/**
 * Failures that do not heal by sending the same request again to the same target, but may pass elsewhere: with
 * another target (which may map to another model) or the next model of the escalation chain.
 */
public enum FallbackOn {

    /**
     * A 403 moderation or guardrail refusal ({@code ModerationException}: its metadata names what was flagged);
     * another model or provider may accept the prompt. Other 403s ({@code ForbiddenException}) never move on.
     */
    MODERATION("moderation"),
    /** The prompt does not fit the model's context window (a model with a larger window may take it). */
    CONTEXT_LENGTH("contextLength"),
    /** 404/503: no provider or endpoint serves the model under the request's constraints. */
    NO_PROVIDER("noProvider");

    private final String option;

    FallbackOn(String option) {
        this.option = option;
    }

    public String option() {
        return option;
    }

    /** Parses a comma-separated list such as {@code moderation,contextLength}; blank means none. */
    public static Set<FallbackOn> parse(String text) {
        Set<FallbackOn> out = EnumSet.noneOf(FallbackOn.class);
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("none")) {
            return out;
        }
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            FallbackOn match = null;
            for (FallbackOn f : values()) {
                if (f.option.equalsIgnoreCase(p) || f.name().equalsIgnoreCase(p)) {
                    match = f;
                }
            }
            if (match == null) {
                throw new IllegalArgumentException("Invalid value '" + p + "' in fallbackOn: expected moderation,"
                                                   + " contextLength, noProvider or none");
            }
            out.add(match);
        }
        return out;
    }
}
