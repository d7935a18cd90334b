package dev.llmrouter.camel;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.llmrouter.camel.error.InvalidMessageException;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad options fail when the endpoint is created; bad bodies fail before any HTTP call and lose nothing. */
class ValidationTest extends EmulatorTestSupport {


    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of("chat", "sort=cheapest",
                        "Invalid value 'cheapest' for sort: allowed values are price, throughput, latency, exacto"),
                Arguments.of("chat", "dataCollection=maybe",
                        "Invalid value 'maybe' for dataCollection: allowed values are allow, deny"),
                Arguments.of("chat", "maxPricePrompt=-1", "Invalid value '-1' for maxPricePrompt: must be zero or more"),
                Arguments.of("chat", "maxPriceCompletion=-0.5",
                        "Invalid value '-0.5' for maxPriceCompletion: must be zero or more"),
                Arguments.of("chat", "webSearch=true&webMaxResults=0",
                        "Invalid value '0' for webMaxResults: must be 1 or more"),
                Arguments.of("chat", "preferredMinThroughput=p50:fast",
                        "Invalid value 'p50:fast' for preferredMinThroughput: expected a number or percentiles such as"
                                                                    + " p50:100,p90:50 (keys p50, p75, p90, p99)"),
                Arguments.of("chat", "preferredMaxLatency=p42:1",
                        "Invalid value 'p42:1' for preferredMaxLatency: expected a number or percentiles such as"
                                                                  + " p50:100,p90:50 (keys p50, p75, p90, p99)"),
                Arguments.of("summarize", "",
                        "Invalid value 'summarize' for operation: allowed values are chat, models, generation, key,"
                                              + " embeddings"),
                Arguments.of("chat", "outputClass=com.example.DoesNotExist",
                        "Invalid value 'com.example.DoesNotExist' for outputClass: the class cannot be loaded"),
                Arguments.of("chat", "quantizations=fp8,int3",
                        "Invalid value 'int3' for quantizations: allowed values are int4, int8, fp4, mxfp4, nvfp4, fp6,"
                                                                  + " fp8, mxfp8, fp16, bf16, fp32, unknown"),
                Arguments.of("chat", "sortPartition=none", "Option sortPartition requires option sort"),
                Arguments.of("chat", "webSearch=true&webEngine=google",
                        "Invalid value 'google' for webEngine: allowed values are native, exa, firecrawl, parallel,"
                                                          + " perplexity"),
                Arguments.of("chat", "webMaxResults=3", "Options webEngine, webMaxResults, webSearchPrompt,"
                                                        + " webIncludeDomains and webExcludeDomains require webSearch=true"),
                Arguments.of("chat", "responseMode=json",
                        "Invalid value 'json' for responseMode: allowed values are content, full"),
                Arguments.of("chat", "headerPolicy=widen",
                        "Invalid value 'widen' for headerPolicy: allowed values are narrow, override"),
                Arguments.of("chat", "reasoningEffort=extreme",
                        "Invalid value 'extreme' for reasoningEffort: allowed values are max, xhigh, high, medium, low,"
                                                                 + " minimal, none"),
                Arguments.of("chat", "cacheControl=2h", "Invalid value '2h' for cacheControl: allowed values are 5m, 1h"),
                Arguments.of("chat", "temperature=3", "Invalid value '3.0' for temperature: must be between 0.0 and 2.0"),
                Arguments.of("chat", "stop=a,b,c,d,e", "Invalid value for stop: at most 4 stop sequences, got 5"),
                Arguments.of("chat", "pdfEngine=tesseract",
                        "Invalid value 'tesseract' for pdfEngine: allowed values are mistral-ocr, native, cloudflare-ai"),
                Arguments.of("chat", "contextCompression=truncate",
                        "Invalid value 'truncate' for contextCompression: allowed values are middle-out"),
                Arguments.of("chat", "baseUrl=localhost:8080", "Invalid value 'localhost:8080' for baseUrl: expected an absolute"
                                                          + " http(s) URL"));
    }

    @ParameterizedTest(name = "[{index}] {0}?{1}")
    @MethodSource("badOptions")
    void failsAtEndpointCreationNamingTheOption(String operation, String options, String message) {
        String uri = "llmrouter:" + operation + "?apiKey=" + CamelHarness.API_KEY
                     + (options.startsWith("baseUrl") ? "" : "&baseUrl=" + EMULATOR.baseUrl())
                     + (options.isEmpty() ? "" : "&" + options);
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> camel.context.getEndpoint(uri));
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertInstanceOf(IllegalArgumentException.class, root);
        assertEquals(message, root.getMessage());
        assertFalse(e.getMessage().contains(CamelHarness.API_KEY), e.getMessage());
    }

    @Test
    void unknownOptionsAreRefusedByCamel() {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> camel.context.getEndpoint(camel.chat("sortBy=price")));
        assertTrue(e.getMessage().contains("sortBy"), e.getMessage());
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of(null, "The message body is null"),
                Arguments.of("   ", "The message body is empty"),
                Arguments.of(new Object(), "Unsupported message body type java.lang.Object"),
                Arguments.of(List.of(), "The message body is an empty list"),
                Arguments.of(List.of(Map.of("content", "no role")), "Message 0 of the body has no role"),
                Arguments.of(List.of(new Object()), "Message 0 of the body has unsupported type java.lang.Object"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badBodies")
    void badBodiesFailWithoutACallAndKeepTheMessage(Object body, String messageStart) {
        Exchange ex = camel.send(camel.chat("model=openai/gpt-4o-mini"), body);
        InvalidMessageException e = assertInstanceOf(InvalidMessageException.class, ex.getException());
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
        assertEquals(body, ex.getMessage().getBody());
        assertEquals(0, EMULATOR.emulator().requestCount());
    }

    @Test
    void noKeyNeededForOpenRouterWhenTargetsLeaveItOut() {
        camel.context.getComponent("llmrouter", LlmRouterComponent.class)
                .addTarget("local", ResilienceFixtures.target(EMULATOR.baseUrl(), "openai", "sk-local"));
        EMULATOR.emulator().reply("", "from local");

        String answer = camel.template.requestBody("llmrouter:chat?model=openai/gpt-4o-mini&targets=local", "Hi",
                String.class);

        assertEquals("from local", answer);
        assertEquals("Bearer sk-local", EMULATOR.emulator().chatRequests().get(0).header("Authorization"));
        Exception e = assertThrows(Exception.class, () -> camel.template.sendBody(
                "llmrouter:chat?model=openai/gpt-4o-mini&targets=local,openrouter", "Hi"));
        assertTrue(rootMessage(e).startsWith("No API key for OpenRouter"), rootMessage(e));
    }

    @Test
    void aTargetDefinedAsOpenrouterBringsItsOwnKey() {
        camel.context.getComponent("llmrouter", LlmRouterComponent.class)
                .addTarget("openrouter", ResilienceFixtures.target(EMULATOR.baseUrl(), "openrouter", "sk-defined"));
        EMULATOR.emulator().reply("", "from the defined target");

        String answer = camel.template.requestBody("llmrouter:chat?model=openai/gpt-4o-mini&targets=openrouter", "Hi",
                String.class);

        assertEquals("from the defined target", answer);
        assertEquals("Bearer sk-defined", EMULATOR.emulator().chatRequests().get(0).header("Authorization"));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Test
    void missingKeyForOpenRouterFailsAtStartNamingTheOptionAndVariable() {
        Exception e = assertThrows(Exception.class, () -> camel.template.sendBody(
                "llmrouter:chat?model=openai/gpt-4o-mini", "Hi"));
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertEquals("No API key for OpenRouter: set option apiKey or the environment variable OPENROUTER_API_KEY",
                root.getMessage());
    }
}
