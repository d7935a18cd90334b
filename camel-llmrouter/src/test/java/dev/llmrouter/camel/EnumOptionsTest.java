package dev.llmrouter.camel;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.camel.wire.ChatResponse;
import org.apache.camel.Exchange;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The enum-typed options: their text is read into the enum on every path (endpoint URI, profile, component option),
 * ignoring case, {@code -} and {@code _}; a bad value names the option and its values on each path; and the catalog
 * lists exactly the values the converter accepts.
 */
class EnumOptionsTest extends EmulatorTestSupport {

    private LlmRouterConfiguration endpointOptions(String options) {
        return camel.context.getEndpoint(camel.chat("model=openai/gpt-4o-mini&" + options), LlmRouterEndpoint.class)
                .getConfiguration();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        assertInstanceOf(IllegalArgumentException.class, root);
        return root.getMessage();
    }

    @Test
    void uriValuesAreReadIgnoringCaseDashesAndUnderscores() {
        LlmRouterConfiguration c = endpointOptions("ledgerFailure=FAIL_OPEN&onRateLimited=Wait&budgetScope=route"
                                                   + "&unknownModelPolicy=worst-case&worstCasePricePrompt=1"
                                                   + "&worstCasePriceCompletion=2&dialect=OpenAI&breakerScope=model"
                                                   + "&stream=true&streamRecovery=continue&escalateModels=a/b");
        assertEquals(LlmRouterLedgerFailure.failOpen, c.getLedgerFailure());
        assertEquals(LlmRouterOnRateLimited.wait, c.getOnRateLimited());
        assertEquals(LlmRouterBudgetScope.route, c.getBudgetScope());
        assertEquals(LlmRouterUnknownModelPolicy.worstCase, c.getUnknownModelPolicy());
        assertEquals(LlmRouterDialect.openai, c.getDialect());
        assertEquals(LlmRouterBreakerScope.model, c.getBreakerScope());
        assertEquals(LlmRouterStreamRecovery.continue_, c.getStreamRecovery());
        assertEquals("continue", c.getStreamRecovery().toString());
    }

    @Test
    void unsetOptionsKeepTheirDefaults() {
        LlmRouterConfiguration c = endpointOptions("maxRetries=0");
        assertEquals(LlmRouterDialect.openrouter, c.getDialect());
        assertEquals(LlmRouterHeaderPolicy.narrow, c.getHeaderPolicy());
        assertEquals(LlmRouterResponseMode.content, c.getResponseMode());
        assertEquals(LlmRouterBudgetScope.global, c.getBudgetScope());
        assertEquals(LlmRouterOnBudgetExceeded.fail, c.getOnBudgetExceeded());
        assertEquals(LlmRouterOnRateLimited.fail, c.getOnRateLimited());
        assertEquals(LlmRouterLedgerFailure.failClosed, c.getLedgerFailure());
        assertEquals(LlmRouterUnknownModelPolicy.reject, c.getUnknownModelPolicy());
        assertNull(c.getBreakerScope(), "not set: each target's own default");
        assertNull(c.getEscalateOn());
        assertNull(c.getStreamRecovery(), "not set: continue with a fallback, else fail");
    }

    @Test
    void anEmptyValueIsRefusedNamingTheOptionNotLeftUnset() {
        Exception e = assertThrows(Exception.class,
                () -> camel.context.getEndpoint(camel.chat("model=openai/gpt-4o-mini&budgetScope=")));
        assertEquals("Invalid value '' for budgetScope: expected global, route or endpoint (header CamelLlmRouterBudgetKey"
                     + " sets a key per message)", rootMessage(e));
    }

    @Test
    void aValueReadLenientlyChangesTheCall() {
        EMULATOR.emulator().reply("", "the answer");

        Exchange ex = camel.send(camel.chat("model=openai/gpt-4o-mini&responseMode=FULL"), "Hi");

        assertNull(ex.getException());
        ChatResponse response = assertInstanceOf(ChatResponse.class, ex.getMessage().getBody());
        assertEquals("the answer", response.choices().get(0).message().content());
        assertEquals(1, EMULATOR.emulator().requestCount());
    }

    @Test
    void profileAndComponentValuesAreConvertedWithTheSameMessages() throws Exception {
        useHarness(c -> c.addProfile("rescue", Map.of("streamRecovery", "sometimes")), null, EMULATOR.baseUrl());
        Exception profile = assertThrows(Exception.class,
                () -> camel.context.getEndpoint(camel.chat("model=openai/gpt-4o-mini&profile=rescue")));
        assertEquals("Invalid value 'sometimes' for streamRecovery: expected fail, restart or continue",
                rootMessage(profile));

        LlmRouterComponent component = camel.component;
        assertTrue(component.getComponentPropertyConfigurer().configure(camel.context, component, "onBudgetExceeded",
                "Downgrade", true));
        assertEquals(LlmRouterOnBudgetExceeded.downgrade, component.getConfiguration().getOnBudgetExceeded());
        Exception bad = assertThrows(Exception.class, () -> component.getComponentPropertyConfigurer()
                .configure(camel.context, component, "headerPolicy", "widen", true));
        assertEquals("Invalid value 'widen' for headerPolicy: allowed values are narrow, override", rootMessage(bad));
        assertEquals(0, EMULATOR.emulator().requestCount());
    }

    @Test
    void aTargetsDialectGivenAsTextIsReadAsOptionDialectIs() {
        LlmRouterTarget target = new LlmRouterTarget();
        PropertyBindingSupport.build().bind(camel.context, target, "dialect", "OpenAI");
        assertEquals(LlmRouterDialect.openai, target.getDialect());
        Exception e = assertThrows(Exception.class,
                () -> PropertyBindingSupport.build().bind(camel.context, target, "dialect", "grpc"));
        assertEquals("Invalid value 'grpc' for dialect: expected openrouter or openai", rootMessage(e));
    }

    @Test
    void everyEnumOptionIsRegisteredAndTheCatalogListsTheValuesTheConverterReads() throws Exception {
        JsonNode properties;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/dev/llmrouter/camel/llmrouter.json")) {
            assertNotNull(in, "llmrouter.json on the classpath");
            properties = CamelHarness.JSON.readTree(in).get("properties");
        }
        Map<String, LlmRouterConverterLoader.EnumOption<?>> registered = LlmRouterConverterLoader.ENUM_OPTIONS.stream()
                .collect(Collectors.toMap(LlmRouterConverterLoader.EnumOption::option, o -> o));
        List<String> enumTyped = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> p = it.next();
            String javaType = p.getValue().get("javaType").asText();
            if (javaType.startsWith("dev.llmrouter.camel.LlmRouter") && p.getValue().has("enum")) {
                enumTyped.add(p.getKey());
                LlmRouterConverterLoader.EnumOption<?> option = registered.get(p.getKey());
                assertNotNull(option, p.getKey() + " is enum-typed but has no converter in LlmRouterConverterLoader");
                assertEquals(option.type().getName(), javaType);
                List<String> catalog = new ArrayList<>();
                p.getValue().get("enum").forEach(v -> catalog.add(v.asText()));
                List<String> constants = Arrays.stream(option.type().getEnumConstants()).map(Object::toString).toList();
                assertEquals(constants, catalog, p.getKey());
                for (String value : catalog) {
                    assertEquals(value, option.parse(value).toString(), "the catalog's " + value + " reads back");
                }
            }
        }
        assertEquals(registered.keySet(), Set.copyOf(enumTyped), "every registered option is enum-typed");
    }
}
