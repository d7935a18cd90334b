package dev.llmrouter.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmrouter.camel.error.InvalidMessageException;
import dev.llmrouter.camel.error.UnknownModelPriceException;
import dev.llmrouter.camel.wire.ChatMessage;
import dev.llmrouter.camel.wire.ChatRequest;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The request fields added for issue 11 (what the route could not send): the exact JSON that reaches the server
 * for each option, the extraBody pass-through from option and header, their collisions, presets, the
 * X-OpenRouter-Metadata opt-in and what the openai dialect leaves out.
 */
class RequestFieldsTest extends EmulatorTestSupport {

    private static final String BASE = "model=openai/gpt-4o-mini";

    static Stream<Arguments> options() {
        return Stream.of(
                Arguments.of("maxCompletionTokens=300", "{\"max_completion_tokens\":300}"),
                Arguments.of("serviceTier=flex", "{\"service_tier\":\"flex\"}"),
                Arguments.of("verbosity=low", "{\"verbosity\":\"low\"}"),
                Arguments.of("modalities=image,text&imageConfig.aspect_ratio=16:9&imageConfig.output_compression=80",
                        "{\"modalities\":[\"image\",\"text\"],"
                        + "\"image_config\":{\"aspect_ratio\":\"16:9\",\"output_compression\":80}}"),
                Arguments.of("logprobs=true&topLogprobs=5", "{\"logprobs\":true,\"top_logprobs\":5}"),
                Arguments.of("prediction=The answer is 42.",
                        "{\"prediction\":{\"type\":\"content\",\"content\":\"The answer is 42.\"}}"),
                Arguments.of("stopServerToolsWhenMaxCost=0.5&stopServerToolsWhenStepCount=5"
                             + "&stopServerToolsWhenMaxTokens=10000",
                        "{\"stop_server_tools_when\":[{\"type\":\"max_cost\",\"max_cost_in_dollars\":0.5},"
                        + "{\"type\":\"step_count_is\",\"step_count\":5},"
                        + "{\"type\":\"max_tokens_used\",\"max_tokens\":10000}]}"),
                Arguments.of("trace.trace_id=t-1&trace.span_name=classify",
                        "{\"trace\":{\"trace_id\":\"t-1\",\"span_name\":\"classify\"}}"),
                Arguments.of("webSearch=true&webMaxUses=2&webUserLocationCity=Lyon&webUserLocationCountry=FR"
                             + "&webUserLocationTimezone=Europe/Paris",
                        "{\"plugins\":[{\"id\":\"web\",\"max_uses\":2,\"user_location\":{\"type\":\"approximate\","
                        + "\"city\":\"Lyon\",\"country\":\"FR\",\"timezone\":\"Europe/Paris\"}}]}"),
                Arguments.of("autoRouterAllowedModels=anthropic/*,openai/*&autoRouterCostTier=low",
                        "{\"plugins\":[{\"id\":\"auto-router\",\"allowed_models\":[\"anthropic/*\",\"openai/*\"],"
                        + "\"cost_tier\":\"low\"}]}"),
                Arguments.of("extraBody.top_a=0.2&extraBody.debug=RAW({\"echo_upstream_body\":true})"
                             + "&extraBody.route=RAW(\"fallback\")",
                        "{\"top_a\":0.2,\"debug\":{\"echo_upstream_body\":true},\"route\":\"fallback\"}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("options")
    void sendsExactlyTheFieldsTheOptionsSay(String options, String expectedExtra) {
        camel.send(camel.chat(BASE + "&" + options), "Hi");
        assertEquals(expected("openai/gpt-4o-mini", expectedExtra), EMULATOR.emulator().lastRequest().json());
    }

    @Test
    void extraBodyHeaderIsMergedLastOverTheOption() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("top_a", 0.5);
        extra.put("prompt_cache_key", "tenant-7");
        extra.put("logit_bias", Map.of("50256", -100));
        camel.send(camel.chat(BASE + "&extraBody.top_a=0.2&extraBody.route=RAW(\"fallback\")"), "Hi",
                Map.of(LlmRouterConstants.EXTRA_BODY, extra));
        assertEquals(expected("openai/gpt-4o-mini", "{\"top_a\":0.5,\"route\":\"fallback\","
                                                    + "\"prompt_cache_key\":\"tenant-7\",\"logit_bias\":{\"50256\":-100}}"),
                EMULATOR.emulator().lastRequest().json());
    }

    @Test
    void mapOptionsOfTheEndpointAddToTheComponentsKeyByKey() {
        useHarness(c -> {
            LlmRouterConfiguration conf = new LlmRouterConfiguration();
            conf.setExtraBody(new LinkedHashMap<>(Map.of("top_a", "0.3", "route", "\"fallback\"")));
            conf.setTrace(new LinkedHashMap<>(Map.of("trace_name", "app")));
            c.setConfiguration(conf);
        }, null, EMULATOR.baseUrl());
        camel.send(camel.chat(BASE + "&extraBody.top_a=0.2&trace.span_name=s1"), "Hi");
        assertEquals(expected("openai/gpt-4o-mini", "{\"trace\":{\"trace_name\":\"app\",\"span_name\":\"s1\"},"
                                                    + "\"top_a\":0.2,\"route\":\"fallback\"}"),
                EMULATOR.emulator().lastRequest().json());

        // the endpoint's keys stay its own: another endpoint sees the component's only
        camel.send(camel.chat(BASE + "&temperature=0.1"), "Hi");
        assertEquals(expected("openai/gpt-4o-mini", "{\"temperature\":0.1,\"trace\":{\"trace_name\":\"app\"},"
                                                    + "\"top_a\":0.3,\"route\":\"fallback\"}"),
                EMULATOR.emulator().lastRequest().json());
    }

    @Test
    void extraBodyOfTheOptionAlsoReachesAChatRequestBody() {
        ChatRequest body = ChatRequest.builder().messages(List.of(ChatMessage.user("Hi"))).temperature(0.1).build();
        camel.send(camel.chat(BASE + "&extraBody.top_a=0.2"), body);
        assertEquals(expected("openai/gpt-4o-mini", "{\"temperature\":0.1,\"top_a\":0.2}"),
                EMULATOR.emulator().lastRequest().json());
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of("extraBody.top_a=fast", "Invalid value 'fast' for extraBody.top_a: not valid JSON"),
                Arguments.of("temperature=0.2&extraBody.temperature=0.3",
                        "Invalid option extraBody.temperature: the field temperature is already set by option"
                        + " temperature"),
                Arguments.of("maxCompletionTokens=10&extraBody.max_completion_tokens=20",
                        "Invalid option extraBody.max_completion_tokens: the field max_completion_tokens is already"
                        + " set by option maxCompletionTokens"),
                Arguments.of("extraBody.model=RAW(\"x/y\")",
                        "Invalid option extraBody.model: the field model is set by the component, not through"
                        + " extraBody"),
                Arguments.of("extraBody.stream=true",
                        "Invalid option extraBody.stream: the field stream is set by the component, not through"
                        + " extraBody"),
                Arguments.of("serviceTier=turbo",
                        "Invalid value 'turbo' for serviceTier: allowed values are auto, default, fast, flex,"
                        + " priority, scale"),
                Arguments.of("verbosity=terse", "Invalid value 'terse' for verbosity: allowed values are low, medium,"
                                                + " high"),
                Arguments.of("modalities=text,video",
                        "Invalid value 'video' for modalities: allowed values are text, image, audio"),
                Arguments.of("logprobs=true&topLogprobs=21",
                        "Invalid value '21' for topLogprobs: must be between 0 and 20"),
                Arguments.of("topLogprobs=3", "Option topLogprobs requires logprobs=true"),
                Arguments.of("maxCompletionTokens=0", "Invalid value '0' for maxCompletionTokens: must be 1 or more"),
                Arguments.of("autoRouterCostTier=cheap",
                        "Invalid value 'cheap' for autoRouterCostTier: allowed values are low, medium, high, xhigh,"
                        + " max"),
                Arguments.of("webMaxUses=2", "Options webMaxUses and webUserLocationCity, webUserLocationRegion,"
                                             + " webUserLocationCountry, webUserLocationTimezone require"
                                             + " webSearch=true"),
                Arguments.of("stopServerToolsWhenMaxCost=-1",
                        "Invalid value '-1' for stopServerToolsWhenMaxCost: must be zero or more"),
                Arguments.of("stopServerToolsWhenStepCount=0",
                        "Invalid value '0' for stopServerToolsWhenStepCount: must be 1 or more"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badOptions")
    void badOptionsFailAtEndpointCreationNamingTheOption(String options, String messageStart) {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> camel.context.getEndpoint(camel.chat(BASE + "&" + options)));
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof IllegalArgumentException)) {
            root = root.getCause();
        }
        assertInstanceOf(IllegalArgumentException.class, root);
        assertEquals(messageStart, root.getMessage().substring(0, Math.min(messageStart.length(),
                root.getMessage().length())), root.getMessage());
    }

    static Stream<Arguments> badHeaders() {
        return Stream.of(
                Arguments.of("temperature=0.2", Map.of("temperature", 0.9),
                        "Invalid header CamelLlmRouterExtraBody key 'temperature': the field temperature is already"
                        + " set by the component, an option, a header or the ChatRequest body"),
                Arguments.of("", Map.of("messages", List.of()),
                        "Invalid header CamelLlmRouterExtraBody key 'messages': the field messages is already set by"
                        + " the component, an option, a header or the ChatRequest body"),
                Arguments.of("", "{\"top_a\":0.2}",
                        "Invalid header: Invalid value for CamelLlmRouterExtraBody: expected a Map<String, Object>,"
                        + " got java.lang.String"),
                Arguments.of("", Map.of(1, 2),
                        "Invalid header: Invalid value for CamelLlmRouterExtraBody: every key must be a non-empty"
                        + " String, got 1"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badHeaders")
    void badExtraBodyHeaderFailsTheExchangeWithoutACall(String options, Object header, String message) {
        Exchange ex = camel.send(camel.chat(BASE + (options.isEmpty() ? "" : "&" + options)), "Hi",
                Map.of(LlmRouterConstants.EXTRA_BODY, header));
        InvalidMessageException e = assertInstanceOf(InvalidMessageException.class, ex.getException());
        assertEquals(message, e.getMessage());
        assertEquals("Hi", ex.getMessage().getBody());
        assertEquals(0, EMULATOR.emulator().requestCount());
    }

    @Test
    void perMessageHeadersOverrideTheNewOptions() {
        camel.send(camel.chat(BASE + "&maxCompletionTokens=100&verbosity=high"), "Hi",
                Map.of(LlmRouterConstants.MAX_COMPLETION_TOKENS, "50", LlmRouterConstants.VERBOSITY, "low",
                        LlmRouterConstants.PREDICTION, "draft"));
        assertEquals(expected("openai/gpt-4o-mini", "{\"max_completion_tokens\":50,\"verbosity\":\"low\","
                                                    + "\"prediction\":{\"type\":\"content\",\"content\":\"draft\"}}"),
                EMULATOR.emulator().lastRequest().json());

        Exchange ex = camel.send(camel.chat(BASE), "Hi", Map.of(LlmRouterConstants.VERBOSITY, "loud"));
        InvalidMessageException e = assertInstanceOf(InvalidMessageException.class, ex.getException());
        assertEquals("Invalid header: Invalid value 'loud' for CamelLlmRouterVerbosity: allowed values are low,"
                     + " medium, high", e.getMessage());
    }

    @Test
    void presetsAreSentAsTheyAreAndTheirSlugIsChecked() {
        camel.send(camel.chat("model=@preset/email-copy_2"), "Hi");
        assertEquals("@preset/email-copy_2", EMULATOR.emulator().lastRequest().json().get("model").asText());
        camel.send(camel.chat("model=openai/gpt-4o-mini@preset/support"), "Hi");
        assertEquals("openai/gpt-4o-mini@preset/support",
                EMULATOR.emulator().lastRequest().json().get("model").asText());

        for (String bad : new String[] { "@preset/Email", "@preset/", "@email", "openai/gpt-4o@preset/a b" }) {
            ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                    () -> camel.context.getEndpoint(camel.chat("model=RAW(" + bad + ")")));
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertEquals("Invalid value '" + bad + "' for model: a preset is written @preset/<slug> (or"
                         + " <model>@preset/<slug>), the slug of lowercase letters, digits, - and _", root.getMessage());
        }
        Exchange ex = camel.send(camel.chat(BASE), "Hi", Map.of(LlmRouterConstants.MODEL, "@preset/NO"));
        assertInstanceOf(InvalidMessageException.class, ex.getException());
    }

    @Test
    void aPresetHasNoCatalogPriceSoTheCeilingTreatsItAsAnUnknownModel(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, "{\"data\":[{\"id\":\"openai/gpt-4o-mini\",\"context_length\":128000,"
                                + "\"pricing\":{\"prompt\":\"0.000001\",\"completion\":\"0.000002\"}}]}");
        String cost = "&maxCompletionTokens=100&maxCostPerRequest=1&pricingCatalog=file:" + file.toAbsolutePath();

        Exchange rejected = camel.send(camel.chat("model=@preset/support" + cost), "Hi");
        UnknownModelPriceException e = assertInstanceOf(UnknownModelPriceException.class, rejected.getException());
        assertEquals("@preset/support", e.getModel());
        assertEquals(0, EMULATOR.emulator().requestCount());

        // worstCase: the preset is priced at the configured worst case and sent (the emulator knows no presets and
        // answers 400, which is not a pricing failure)
        Exchange priced = camel.send(camel.chat("model=@preset/support" + cost + "&unknownModelPolicy=worstCase"
                                                + "&worstCasePricePrompt=10&worstCasePriceCompletion=30"), "Hi");
        assertFalse(priced.getException() instanceof UnknownModelPriceException, "" + priced.getException());
        assertEquals(1, EMULATOR.emulator().requestCount());
        assertEquals("@preset/support", EMULATOR.emulator().lastRequest().json().get("model").asText());
    }

    @Test
    void metadataOptInSendsTheHeaderToOpenRouterOnly() {
        camel.send(camel.chat(BASE + "&openrouterMetadata=true"), "Hi");
        assertEquals("enabled", EMULATOR.emulator().lastRequest().header("X-OpenRouter-Metadata"));
        camel.send(camel.chat(BASE), "Hi");
        assertNull(EMULATOR.emulator().lastRequest().header("X-OpenRouter-Metadata"));
        camel.send(camel.chat(BASE + "&openrouterMetadata=true&dialect=openai"), "Hi");
        assertNull(EMULATOR.emulator().lastRequest().header("X-OpenRouter-Metadata"));
    }

    @Test
    void openaiDialectKeepsOpenAiFieldsAndExtraBodyButDropsOpenRouterOnes() {
        camel.send(camel.chat(BASE + "&dialect=openai&maxCompletionTokens=64&serviceTier=priority&verbosity=medium"
                              + "&modalities=text&logprobs=true&topLogprobs=2&prediction=x&trace.trace_id=t"
                              + "&imageConfig.aspect_ratio=1:1&stopServerToolsWhenStepCount=3"
                              + "&autoRouterCostTier=low&extraBody.top_a=0.1"), "Hi");
        assertEquals(expected("openai/gpt-4o-mini", "{\"max_completion_tokens\":64,\"service_tier\":\"priority\","
                                                    + "\"verbosity\":\"medium\",\"modalities\":[\"text\"],"
                                                    + "\"logprobs\":true,\"top_logprobs\":2,"
                                                    + "\"prediction\":{\"type\":\"content\",\"content\":\"x\"},"
                                                    + "\"top_a\":0.1}"),
                EMULATOR.emulator().lastRequest().json());
    }

    private static JsonNode expected(String model, String extra) {
        ObjectNode expected = (ObjectNode) CamelHarness.json(
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        expected.setAll((ObjectNode) CamelHarness.json(extra));
        return expected;
    }

}
