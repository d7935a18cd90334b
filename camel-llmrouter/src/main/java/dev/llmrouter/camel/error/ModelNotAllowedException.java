package dev.llmrouter.camel.error;

import java.util.HashMap;
import java.util.Map;

/**
 * A model is refused by the allow/deny lists ({@code allowedModels}, {@code deniedModels}). The message names the
 * model, where it came from (an option or header) and the option and pattern that refused it. Not retryable.
 */
public class ModelNotAllowedException extends LlmRouterException {

    private final String model;
    private final String source;
    private final String option;
    private final String pattern;

    /**
     * @param model   the refused model
     * @param source  where the model came from, e.g. {@code model}, {@code fallbackModels} or a header name
     * @param option  the option that refused it: {@code deniedModels} or {@code allowedModels}
     * @param pattern the deny pattern that matched, or the allow list when no allow pattern matched
     */
    public ModelNotAllowedException(String model, String source, String option, String pattern) {
        super(new ErrorInfo(message(model, source, option, pattern), 0, "model_not_allowed",
                metadata(model, source, option, pattern), null, null), false);
        this.model = model;
        this.source = source;
        this.option = option;
        this.pattern = pattern;
    }

    private static String message(String model, String source, String option, String pattern) {
        String from = source == null ? "" : " (from " + source + ")";
        if ("deniedModels".equals(option)) {
            return "Model '" + model + "'" + from + " is refused by deniedModels pattern '" + pattern + "'";
        }
        return "Model '" + model + "'" + from + " matches no " + option + " pattern [" + pattern + "]";
    }

    private static Map<String, Object> metadata(String model, String source, String option, String pattern) {
        Map<String, Object> m = new HashMap<>();
        m.put("model", model);
        m.put("source", source);
        m.put("option", option);
        m.put("pattern", pattern);
        return m;
    }

    /** A refusal is a decision, not a crash: no stack trace is taken (it would explain nothing). */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** The refused model. */
    public String getModel() {
        return model;
    }

    /** Where the model came from. */
    public String getSource() {
        return source;
    }

    /** The option that refused the model. */
    public String getOption() {
        return option;
    }

    /** The matching deny pattern, or the allow list that nothing matched. */
    public String getPattern() {
        return pattern;
    }
}
