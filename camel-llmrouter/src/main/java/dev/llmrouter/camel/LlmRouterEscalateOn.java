package dev.llmrouter.camel;

/**
 * The check an answer must pass, else the next {@code escalateModels} model is asked (option
 * {@code escalateOn}); when the option is not set, {@code predicate} applies if {@code escalateWhen} is set.
 * <p>
 * The constants are spelt as the option's values, e.g. {@code escalateOn=invalidJson}; a value is read
 * ignoring case, {@code -} and {@code _}.
 */
public enum LlmRouterEscalateOn {

    /** The content must parse as JSON. */
    invalidJson,

    /** The content must validate against the {@code outputClass} or {@code jsonSchema} schema. */
    schema,

    /** The {@code escalateWhen} predicate must be false. */
    predicate;
}
