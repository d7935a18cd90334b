package dev.llmrouter.camel.springboot;

/** An invalid {@code camel.component.llmrouter.*} property: the message starts with the property's name. */
public class LlmRouterPropertyException extends IllegalArgumentException {

    private final String property;

    public LlmRouterPropertyException(String property, String message, Throwable cause) {
        super("Invalid property " + property + ": " + message, cause);
        this.property = property;
    }

    /** The full property name, e.g. camel.component.llmrouter.max-retries. */
    public String getProperty() {
        return property;
    }
}
