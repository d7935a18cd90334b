package dev.llmrouter.camel;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invalid resilience options fail when the endpoint is created, with a message naming the option. */
class ResilienceValidationTest extends EmulatorTestSupport {

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("escalateOn=schema&escalateModels=a/b", "escalateOn", "outputClass"),
                Arguments.of("escalateOn=bogus", "escalateOn", "'bogus'"),
                Arguments.of("escalateOn=predicate", "escalateOn", "escalateWhen"),
                Arguments.of("fallbackOn=moderation,bogus", "fallbackOn", "'bogus'"),
                Arguments.of("breakerScope=gateway", "breakerScope", "'gateway' for breakerScope: expected target or model"),
                Arguments.of("breakerScope=models", "breakerScope", "expected target or model"),
                Arguments.of("maxRetries=-1", "maxRetries", "0 or more"),
                Arguments.of("retryDelay=-5", "retryDelay", "0 or more"),
                Arguments.of("totalTimeout=-1", "totalTimeout", "0"),
                Arguments.of("streamTo=direct:deltas", "streamTo", "stream=true"),
                Arguments.of("stream=true&cache=true", "cache", "stream=true"),
                Arguments.of("stream=true&escalateOn=invalidJson", "escalateOn", "stream=true"),
                Arguments.of("cacheTtl=0&cache=true", "cacheTtl", "more than 0"),
                Arguments.of("targets=openrouter,openrouter", "targets", "twice"),
                Arguments.of("escalateWhen=RAW(${body contains)", "escalateWhen", "${body contains"),
                Arguments.of("escalateOn=invalidJson&escalateWhen=RAW(${body} == 'x')", "escalateWhen", "predicate"),
                Arguments.of("targets=openrouter,nowhere", "targets", "'nowhere'"),
                Arguments.of("budgetScope=tenant", "budgetScope", "'tenant'"),
                Arguments.of("unknownModelPolicy=worstCase&worstCasePricePrompt=-1&worstCasePriceCompletion=1",
                        "worstCasePricePrompt", "0 or more"),
                // firstTokenTimeout, streamIdleTimeout, streamRecovery
                Arguments.of("stream=true&streamRecovery=continue", "streamRecovery=continue", "fallback"),
                Arguments.of("stream=true&streamRecovery=restart", "streamRecovery=restart", "escalateModels"),
                Arguments.of("stream=true&streamRecovery=sometimes&escalateModels=a/b", "streamRecovery",
                        "'sometimes'"),
                Arguments.of("firstTokenTimeout=5000&totalTimeout=1000", "firstTokenTimeout", "totalTimeout (1000 ms)"),
                Arguments.of("firstTokenTimeout=-1", "firstTokenTimeout", "0 (no limit) or more"),
                Arguments.of("stream=true&streamIdleTimeout=-5", "streamIdleTimeout", "0 (no limit) or more"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalid")
    void failsAtEndpointCreation(String options, String option, String detail) {
        String uri = camel.chat("model=openai/gpt-4o-mini&" + options);

        Exception e = assertThrows(Exception.class, () -> camel.context.getEndpoint(uri));

        Throwable root = e;
        while (!(root instanceof IllegalArgumentException) && root.getCause() != null) {
            root = root.getCause();
        }
        assertInstanceOf(IllegalArgumentException.class, root, "the option's own message is in the causes");
        assertTrue(root.getMessage().contains(option), root.getMessage());
        assertTrue(root.getMessage().contains(detail), root.getMessage());
        assertEquals(0, EMULATOR.emulator().requestCount());
    }

    @Test
    void valuesWithAFallbackOrWithinTheTotalTimeoutAreAccepted() {
        assertNotNull(camel.context.getEndpoint(camel.chat("model=openai/gpt-4o-mini&stream=true"
                + "&streamRecovery=continue&escalateModels=anthropic/claude-haiku-4.5")));
        assertNotNull(camel.context.getEndpoint(camel.chat("model=openai/gpt-4o-mini&firstTokenTimeout=1000"
                + "&totalTimeout=1000&streamIdleTimeout=0")));
        assertNotNull(camel.context.getEndpoint(camel.chat("model=openai/gpt-4o-mini&stream=true&streamRecovery=fail")));
    }
}
