package dev.llmrouter.camel.springboot;

/**
 * A {@code camel.component.llmrouter.*} key that names no property of the component, e.g. a misspelling: the
 * message names the key and the closest property.
 */
public class LlmRouterUnknownPropertyException extends LlmRouterPropertyException {

    private final String suggestion;

    public LlmRouterUnknownPropertyException(String property, String suggestion) {
        super(property, "the llmrouter component has no such property"
                        + (suggestion == null ? "" : "; did you mean " + suggestion + "?"), null);
        this.suggestion = suggestion;
    }

    /** The closest known property (full name), or null when none is close. */
    public String getSuggestion() {
        return suggestion;
    }
}
