package dev.llmrouter.camel;

import java.math.BigDecimal;

import org.apache.camel.Exchange;
import org.apache.camel.TypeConversionException;
import org.apache.camel.TypeConverterLoaderException;
import org.apache.camel.spi.TypeConverterLoader;
import org.apache.camel.spi.TypeConverterRegistry;
import org.apache.camel.support.TypeConverterSupport;

/**
 * Registers the String (and Number) to {@link BigDecimal} conversion the USD options need: Camel's core has none,
 * so without it an endpoint URI such as {@code maxCostPerRequest=0.05} (or a budget amount given as a property)
 * cannot be bound. Found by Camel through {@code META-INF/services/org/apache/camel/TypeConverterLoader}.
 */
public final class LlmRouterConverterLoader implements TypeConverterLoader {

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
    }
}
