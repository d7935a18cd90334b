package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.util.List;

import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.InvalidMessageException;
import dev.llmrouter.camel.plan.Overrides;
import dev.llmrouter.camel.plan.Validation;
import org.apache.camel.Message;
import org.apache.camel.TypeConversionException;

/** Reads the per-message override headers into {@link Overrides}, validating each value. */
final class MessageOverrides {

    private MessageOverrides() {
    }

    static Overrides read(Message message) {
        if (!message.hasHeaders()) {
            return Overrides.NONE;
        }
        try {
            String sort = message.getHeader(LlmRouterConstants.PROVIDER_SORT, String.class);
            Integer maxTokens = message.getHeader(LlmRouterConstants.MAX_TOKENS, Integer.class);
            BigDecimal prompt = decimal(message, LlmRouterConstants.MAX_PRICE_PROMPT);
            BigDecimal completion = decimal(message, LlmRouterConstants.MAX_PRICE_COMPLETION);
            String sessionId = message.getHeader(LlmRouterConstants.SESSION_ID, String.class);
            String fallbacks = message.getHeader(LlmRouterConstants.FALLBACK_MODELS, String.class);
            Overrides o = new Overrides(
                    message.getHeader(LlmRouterConstants.MODEL, String.class),
                    fallbacks == null ? null : emptyIfNull(Validation.csv(fallbacks)),
                    message.getHeader(LlmRouterConstants.SYSTEM_PROMPT, String.class),
                    Validation.atLeast(LlmRouterConstants.MAX_TOKENS, maxTokens, 1),
                    Validation.oneOf(LlmRouterConstants.PROVIDER_SORT, sort, Validation.SORTS),
                    csvHeader(message, LlmRouterConstants.PROVIDER_ORDER),
                    csvHeader(message, LlmRouterConstants.PROVIDER_IGNORE),
                    message.getHeader(LlmRouterConstants.ZDR, Boolean.class),
                    Validation.notNegative(LlmRouterConstants.MAX_PRICE_PROMPT, prompt),
                    Validation.notNegative(LlmRouterConstants.MAX_PRICE_COMPLETION, completion),
                    Validation.maxLength(LlmRouterConstants.SESSION_ID, sessionId, 256),
                    message.getHeader(LlmRouterConstants.USER, String.class));
            return o.isEmpty() ? Overrides.NONE : o;
        } catch (TypeConversionException e) {
            throw new InvalidMessageException(ErrorInfo.of("Invalid header value: cannot convert " + e.getValue()
                                                           + " to " + e.getToType().getSimpleName(), e));
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException(ErrorInfo.of("Invalid header: " + e.getMessage(), e));
        }
    }

    private static BigDecimal decimal(Message message, String name) {
        Object value = message.getHeader(name);
        if (value == null || value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        try {
            return new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid value '" + value + "' for " + name + ": expected a number");
        }
    }

    private static List<String> csvHeader(Message message, String name) {
        String value = message.getHeader(name, String.class);
        return value == null ? null : emptyIfNull(Validation.csv(value));
    }

    private static List<String> emptyIfNull(List<String> list) {
        return list == null ? List.of() : list;
    }
}
