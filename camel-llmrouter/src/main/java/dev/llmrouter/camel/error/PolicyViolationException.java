package dev.llmrouter.camel.error;

import java.util.HashMap;
import java.util.Map;

/**
 * A message tried to loosen the endpoint's policy (with {@code headerPolicy=narrow}, the default): a policy header
 * ({@code CamelLlmRouterZdr}, {@code CamelLlmRouterProviderIgnore}, {@code CamelLlmRouterMaxPrice*},
 * {@code CamelLlmRouterMaxTokens}, ...) or a policy field of a {@code ChatRequest} body ({@code provider.zdr},
 * {@code provider.data_collection}, {@code provider.ignore}, {@code provider.only}, {@code provider.max_price.*},
 * {@code max_tokens}, {@code max_completion_tokens}) asked for less than the endpoint's option. Nothing was sent,
 * nothing was reserved, and the message body is unchanged. Not retryable: the same message is refused again.
 */
public class PolicyViolationException extends LlmRouterException {

    private final String source;
    private final String value;
    private final String option;
    private final String endpointValue;

    /**
     * @param source        what carried the looser value, e.g. {@code header CamelLlmRouterZdr} or
     *                      {@code body field provider.zdr}
     * @param value         the looser value as the message gave it
     * @param option        the endpoint option it would loosen, e.g. {@code zdr} or {@code maxTokens}
     * @param endpointValue the endpoint's value of that option
     * @param rule          what the message may do instead (appended to the message)
     */
    public PolicyViolationException(String source, String value, String option, String endpointValue, String rule) {
        super(new ErrorInfo(source + " = " + value + " would loosen the endpoint's " + option + "=" + endpointValue
                            + "; nothing was sent. With headerPolicy=narrow a message may only make the call stricter: "
                            + rule, 0, "policy_violation", metadata(source, value, option, endpointValue), null, null),
                false);
        this.source = source;
        this.value = value;
        this.option = option;
        this.endpointValue = endpointValue;
    }

    private static Map<String, Object> metadata(String source, String value, String option, String endpointValue) {
        Map<String, Object> m = new HashMap<>();
        m.put("source", source);
        m.put("value", value);
        m.put("option", option);
        m.put("endpointValue", endpointValue);
        return m;
    }

    /** A refusal is a decision, not a crash: no stack trace is taken (it would explain nothing). */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** What carried the looser value: {@code header <name>}, {@code body field <field>} or an extra-body key. */
    public String getSource() {
        return source;
    }

    /** The looser value as the message gave it. */
    public String getValue() {
        return value;
    }

    /** The endpoint option the value would loosen. */
    public String getOption() {
        return option;
    }

    /** The endpoint's value of that option. */
    public String getEndpointValue() {
        return endpointValue;
    }
}
