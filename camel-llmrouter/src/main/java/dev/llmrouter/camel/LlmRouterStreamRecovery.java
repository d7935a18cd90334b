package dev.llmrouter.camel;

/**
 * What happens when a stream fails after content has started (option {@code streamRecovery}); when the option is
 * not set, {@code continue} applies if a fallback exists (a second target or escalateModels), else {@code fail}.
 * <p>
 * The constants are spelt as the option's values, e.g. {@code streamRecovery=fail}, except {@link #continue_}
 * ({@code continue} is a Java keyword); {@link #toString()} gives the option value. A value is read ignoring case,
 * {@code -} and {@code _}.
 */
public enum LlmRouterStreamRecovery {

    /** The stream ends with the failure. */
    fail("fail"),

    /** The next target or model starts the answer over. */
    restart("restart"),

    /**
     * Written {@code continue} in options: the next target or model is sent the text received so far as an
     * assistant prefill, and its deltas are appended to the same stream.
     */
    continue_("continue");

    private final String value;

    LlmRouterStreamRecovery(String value) {
        this.value = value;
    }

    /** The option value: {@code fail}, {@code restart} or {@code continue}. */
    @Override
    public String toString() {
        return value;
    }
}
