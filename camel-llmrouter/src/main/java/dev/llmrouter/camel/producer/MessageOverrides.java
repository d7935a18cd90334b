package dev.llmrouter.camel.producer;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import dev.llmrouter.camel.LlmRouterConstants;
import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.InvalidMessageException;
import dev.llmrouter.camel.plan.ExtraBody;
import dev.llmrouter.camel.plan.Overrides;
import dev.llmrouter.camel.plan.Validation;
import org.apache.camel.Message;

/**
 * Reads the per-message override headers into {@link Overrides}, validating each value. A blank text header
 * counts as absent, except the list headers (fallback models, provider order, ignore and only), where an empty value
 * clears the endpoint's list. A value that cannot be read fails the exchange before anything is sent.
 */
public final class MessageOverrides {

    private MessageOverrides() {
    }

    public static Overrides read(Message message) {
        if (!message.hasHeaders()) {
            return Overrides.NONE;
        }
        try {
            Overrides o = new Overrides(
                    Validation.model(LlmRouterConstants.MODEL, text(message, LlmRouterConstants.MODEL)),
                    Validation.models(LlmRouterConstants.FALLBACK_MODELS, list(message, LlmRouterConstants.FALLBACK_MODELS)),
                    text(message, LlmRouterConstants.SYSTEM_PROMPT),
                    Validation.atLeast(LlmRouterConstants.MAX_TOKENS, integer(message, LlmRouterConstants.MAX_TOKENS), 1),
                    Validation.oneOf(LlmRouterConstants.PROVIDER_SORT, text(message, LlmRouterConstants.PROVIDER_SORT),
                            Validation.SORTS),
                    list(message, LlmRouterConstants.PROVIDER_ORDER),
                    list(message, LlmRouterConstants.PROVIDER_IGNORE),
                    bool(message, LlmRouterConstants.ZDR),
                    Validation.notNegative(LlmRouterConstants.MAX_PRICE_PROMPT,
                            decimal(message, LlmRouterConstants.MAX_PRICE_PROMPT)),
                    Validation.notNegative(LlmRouterConstants.MAX_PRICE_COMPLETION,
                            decimal(message, LlmRouterConstants.MAX_PRICE_COMPLETION)),
                    Validation.maxLength(LlmRouterConstants.SESSION_ID, text(message, LlmRouterConstants.SESSION_ID), 256),
                    text(message, LlmRouterConstants.USER),
                    Validation.atLeast(LlmRouterConstants.MAX_COMPLETION_TOKENS,
                            integer(message, LlmRouterConstants.MAX_COMPLETION_TOKENS), 1),
                    Validation.oneOf(LlmRouterConstants.VERBOSITY, text(message, LlmRouterConstants.VERBOSITY),
                            Validation.VERBOSITIES),
                    text(message, LlmRouterConstants.PREDICTION),
                    ExtraBody.readHeader(message.getHeader(LlmRouterConstants.EXTRA_BODY)),
                    text(message, LlmRouterConstants.USER_MESSAGE),
                    Validation.oneOf(LlmRouterConstants.DATA_COLLECTION, text(message, LlmRouterConstants.DATA_COLLECTION),
                            Validation.DATA_COLLECTION),
                    list(message, LlmRouterConstants.PROVIDER_ONLY),
                    Validation.notNegative(LlmRouterConstants.MAX_PRICE_REQUEST,
                            decimal(message, LlmRouterConstants.MAX_PRICE_REQUEST)),
                    Validation.notNegative(LlmRouterConstants.MAX_PRICE_IMAGE,
                            decimal(message, LlmRouterConstants.MAX_PRICE_IMAGE)));
            return o.isEmpty() ? Overrides.NONE : o;
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException(ErrorInfo.of("Invalid header: " + e.getMessage(), e));
        }
    }

    private static String text(Message message, String name) {
        Object value = message.getHeader(name);
        if (value == null) {
            return null;
        }
        String s = value.toString().trim();
        return s.isEmpty() ? null : s;
    }

    private static List<String> list(Message message, String name) {
        Object value = message.getHeader(name);
        if (value == null) {
            return null;
        }
        List<String> list = Validation.csv(value.toString());
        return list == null ? List.of() : list;
    }

    private static Integer integer(Message message, String name) {
        Object value = message.getHeader(name);
        if (value == null || value instanceof Integer) {
            return (Integer) value;
        }
        try {
            return new BigDecimal(value.toString().trim()).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("Invalid value '" + value + "' for " + name + ": expected a whole number");
        }
    }

    private static Boolean bool(Message message, String name) {
        Object value = message.getHeader(name);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        // strict: a privacy switch must never be dropped because its value was misspelled
        return switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(
                    "Invalid value '" + value + "' for " + name + ": expected true or false");
        };
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
}
