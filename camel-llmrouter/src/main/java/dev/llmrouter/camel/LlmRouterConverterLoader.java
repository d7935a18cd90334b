package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.TypeConversionException;
import org.apache.camel.TypeConverterLoaderException;
import org.apache.camel.spi.TypeConverterLoader;
import org.apache.camel.spi.TypeConverterRegistry;
import org.apache.camel.support.TypeConverterSupport;

/**
 * Registers the conversions the options need, found by Camel through
 * {@code META-INF/services/org/apache/camel/TypeConverterLoader}:
 * <ul>
 * <li>String (and Number) to {@link BigDecimal} for the USD options: Camel's core has none, so without it an
 * endpoint URI such as {@code maxCostPerRequest=0.05} (or a budget amount given as a property) cannot be bound;</li>
 * <li>String to each enum-typed option ({@link LlmRouterDialect}, {@link LlmRouterBudgetScope}, ...): the value is
 * read ignoring case, {@code -} and {@code _}, and a value that is none of the constants fails with an
 * {@link IllegalArgumentException} that names the option and its values (Camel's own enum conversion would name
 * the Java type only). Camel's enum conversion asks the registry for such a converter first.</li>
 * </ul>
 */
public final class LlmRouterConverterLoader implements TypeConverterLoader {

    /** The URI path: which operation an endpoint runs. */
    static final EnumOption<LlmRouterOperation> OPERATION
            = new EnumOption<>(LlmRouterOperation.class, "operation", true, "");

    /** The enum-typed options: their type, their name, and how a bad value's message lists the allowed ones. */
    static final List<EnumOption<?>> ENUM_OPTIONS = List.of(
            OPERATION,
            new EnumOption<>(LlmRouterDialect.class, "dialect", false, ""),
            new EnumOption<>(LlmRouterHeaderPolicy.class, "headerPolicy", true, ""),
            new EnumOption<>(LlmRouterResponseMode.class, "responseMode", true, ""),
            new EnumOption<>(LlmRouterBreakerScope.class, "breakerScope", false, ""),
            new EnumOption<>(LlmRouterEscalateOn.class, "escalateOn", false, ""),
            new EnumOption<>(LlmRouterStreamRecovery.class, "streamRecovery", false, ""),
            new EnumOption<>(LlmRouterBudgetScope.class, "budgetScope", false,
                    " (header CamelLlmRouterBudgetKey sets a key per message)"),
            new EnumOption<>(LlmRouterOnBudgetExceeded.class, "onBudgetExceeded", false, ""),
            new EnumOption<>(LlmRouterOnRateLimited.class, "onRateLimited", false, ""),
            new EnumOption<>(LlmRouterLedgerFailure.class, "ledgerFailure", false, ""),
            new EnumOption<>(LlmRouterUnknownModelPolicy.class, "unknownModelPolicy", false, ""),
            new EnumOption<>(LlmRouterOnToolError.class, "onToolError", false, ""),
            new EnumOption<>(LlmRouterOnUnknownTool.class, "onUnknownTool", false, ""),
            new EnumOption<>(LlmRouterLoopStop.class, "loopStop", false, ""),
            new EnumOption<>(LlmRouterOnMissingIdempotencyKey.class, "onMissingIdempotencyKey", false, ""));

    /**
     * One enum-typed option.
     *
     * @param listed true for the message form "allowed values are a, b" (as the OpenRouter value options have),
     *               false for "expected a, b or c"
     * @param hint   text appended to the message
     */
    record EnumOption<E extends Enum<E>>(Class<E> type, String option, boolean listed, String hint) {

        /**
         * The constant whose option value is {@code text} (ignoring case, - and _). A blank text is refused as any
         * other unknown value is: to leave an option unset, leave it out.
         */
        E parse(String text) {
            String wanted = canonical(text);
            List<String> values = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                if (canonical(e.toString()).equals(wanted)) {
                    return e;
                }
                values.add(e.toString());
            }
            String allowed = listed ? "allowed values are " + String.join(", ", values)
                    : "expected " + String.join(", ", values.subList(0, values.size() - 1)) + " or "
                      + values.get(values.size() - 1);
            throw new IllegalArgumentException("Invalid value '" + text.trim() + "' for " + option + ": " + allowed + hint);
        }

        private static String canonical(String value) {
            return value.trim().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public void load(TypeConverterRegistry registry) throws TypeConverterLoaderException {
        TypeConverterSupport toDecimal = new TypeConverterSupport() {
            @Override
            public <T> T convertTo(Class<T> type, Exchange exchange, Object value) {
                if (value == null) {
                    return null;
                }
                try {
                    return type.cast(new BigDecimal(value.toString().trim()));
                } catch (NumberFormatException e) {
                    throw new TypeConversionException(value, type, e);
                }
            }
        };
        registry.addTypeConverter(BigDecimal.class, String.class, toDecimal);
        registry.addTypeConverter(BigDecimal.class, Number.class, toDecimal);
        for (EnumOption<?> option : ENUM_OPTIONS) {
            register(registry, option);
        }
    }

    private static <E extends Enum<E>> void register(TypeConverterRegistry registry, EnumOption<E> option) {
        registry.addTypeConverter(option.type(), String.class, new TypeConverterSupport() {
            @Override
            public <T> T convertTo(Class<T> type, Exchange exchange, Object value) {
                return value == null ? null : type.cast(option.parse(value.toString()));
            }
        });
    }
}
