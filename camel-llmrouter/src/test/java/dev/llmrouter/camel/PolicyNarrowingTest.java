package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.camel.error.ModelNotAllowedException;
import dev.llmrouter.camel.error.PolicyViolationException;
import dev.llmrouter.camel.wire.ChatMessage;
import dev.llmrouter.camel.wire.ChatRequest;
import dev.llmrouter.camel.wire.ProviderPreferences;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.llmrouter.camel.CostGovernanceFixtures.MINI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * headerPolicy=narrow (the default): a policy header or a policy field of a ChatRequest body may make the call
 * stricter than the endpoint, never looser; headerPolicy=override keeps the old behaviour, where they replace it.
 */
class PolicyNarrowingTest extends EmulatorTestSupport {

    private static final String RULE = "; nothing was sent. With headerPolicy=narrow a message may only make the call"
                                       + " stricter: ";

    /** Every policy option the body checks, on one endpoint (the emulator's Azure endpoint satisfies all of them). */
    private static final String POLICY = "model=" + MINI + "&zdr=true&dataCollection=deny&providerIgnore=DeepInfra"
                                         + "&providerOnly=OpenAI,Azure&maxPricePrompt=1&maxPriceCompletion=2"
                                         + "&maxPriceRequest=0.01&maxPriceImage=0.001&maxTokens=100";

    private static JsonNode sent() {
        return EMULATOR.emulator().lastRequest().json();
    }

    private static int chats() {
        return EMULATOR.emulator().chatRequests().size();
    }

    private static String message(String source, String value, String option, String endpointValue, String rule) {
        return source + " = " + value + " would loosen the endpoint's " + option + "=" + endpointValue + RULE + rule;
    }

    private static void assertRefused(Exchange ex, String source, String value, String option, String endpointValue,
                                      String rule) {
        PolicyViolationException e = assertInstanceOf(PolicyViolationException.class, ex.getException());
        assertEquals(message(source, value, option, endpointValue, rule), e.getMessage());
        assertEquals(source, e.getSource());
        assertEquals(value, e.getValue());
        assertEquals(option, e.getOption());
        assertEquals(endpointValue, e.getEndpointValue());
        assertEquals("policy_violation", e.getErrorType());
        assertEquals(false, e.isRetryable());
    }

    // ---- headers

    static Stream<Arguments> policyHeaders() {
        String ignoreRule = "the ignored providers may only grow, so the list must keep every provider of DeepInfra";
        return Stream.of(
                Arguments.of("header " + LlmRouterConstants.ZDR, LlmRouterConstants.ZDR, "zdr=true",
                        "true", "/provider/zdr", "true", false, "false", "zdr", "true", "zdr may only be turned on"),
                Arguments.of("header " + LlmRouterConstants.PROVIDER_IGNORE, LlmRouterConstants.PROVIDER_IGNORE,
                        "providerIgnore=DeepInfra", "deepinfra,Together", "/provider/ignore",
                        "[\"deepinfra\",\"Together\"]", "Together", "[\"Together\"]", "providerIgnore", "DeepInfra",
                        ignoreRule),
                Arguments.of("header " + LlmRouterConstants.PROVIDER_IGNORE, LlmRouterConstants.PROVIDER_IGNORE,
                        "providerIgnore=DeepInfra", "DeepInfra", "/provider/ignore", "[\"DeepInfra\"]", "", "[]",
                        "providerIgnore", "DeepInfra", ignoreRule),
                Arguments.of("header " + LlmRouterConstants.MAX_PRICE_PROMPT, LlmRouterConstants.MAX_PRICE_PROMPT,
                        "maxPricePrompt=1", new BigDecimal("0.5"), "/provider/max_price/prompt", "\"0.5\"", "1000",
                        "\"1000\"", "maxPricePrompt", "1", "a price cap may only be lowered (to 1 or less)"),
                Arguments.of("header " + LlmRouterConstants.MAX_PRICE_COMPLETION,
                        LlmRouterConstants.MAX_PRICE_COMPLETION, "maxPriceCompletion=2", "2",
                        "/provider/max_price/completion", "\"2\"", 2.5, "\"2.5\"", "maxPriceCompletion", "2",
                        "a price cap may only be lowered (to 2 or less)"),
                Arguments.of("header " + LlmRouterConstants.MAX_PRICE_REQUEST, LlmRouterConstants.MAX_PRICE_REQUEST,
                        "maxPriceRequest=0.01", "0", "/provider/max_price/request", "\"0\"", "0.5", "\"0.5\"",
                        "maxPriceRequest", "0.01", "a price cap may only be lowered (to 0.01 or less)"),
                Arguments.of("header " + LlmRouterConstants.MAX_PRICE_IMAGE, LlmRouterConstants.MAX_PRICE_IMAGE,
                        "maxPriceImage=0.001", "0.0005", "/provider/max_price/image", "\"0.0005\"", "1", "\"1\"",
                        "maxPriceImage", "0.001", "a price cap may only be lowered (to 0.001 or less)"),
                Arguments.of("header " + LlmRouterConstants.DATA_COLLECTION, LlmRouterConstants.DATA_COLLECTION,
                        "dataCollection=deny", "deny", "/provider/data_collection", "\"deny\"", "allow",
                        "\"allow\"", "dataCollection", "deny", "data collection may only be denied"),
                Arguments.of("header " + LlmRouterConstants.PROVIDER_ONLY, LlmRouterConstants.PROVIDER_ONLY,
                        "providerOnly=OpenAI,Azure", "azure", "/provider/only", "[\"azure\"]", "OpenAI,Together",
                        "[\"OpenAI\",\"Together\"]", "providerOnly", "OpenAI,Azure",
                        "the allowed providers may only shrink, so the list must name one or more of OpenAI,Azure"
                        + " and no other"),
                Arguments.of("header " + LlmRouterConstants.MAX_TOKENS, LlmRouterConstants.MAX_TOKENS, "maxTokens=100",
                        "40", "/max_tokens", "40", "100000", "100000", "maxTokens", "100",
                        "a token cap may only be lowered (to 100 or less)"),
                Arguments.of("header " + LlmRouterConstants.MAX_COMPLETION_TOKENS,
                        LlmRouterConstants.MAX_COMPLETION_TOKENS, "maxCompletionTokens=100", 60,
                        "/max_completion_tokens", "60", "101", "101", "maxCompletionTokens", "100",
                        "a token cap may only be lowered (to 100 or less)"),
                // a cap the endpoint does not set is held to the one it sets: a server may honour either field
                Arguments.of("header " + LlmRouterConstants.MAX_COMPLETION_TOKENS,
                        LlmRouterConstants.MAX_COMPLETION_TOKENS, "maxTokens=100", "100", "/max_completion_tokens",
                        "100", "5000", "5000", "maxTokens", "100", "a token cap may only be lowered (to 100 or less)"),
                Arguments.of("header " + LlmRouterConstants.MAX_TOKENS, LlmRouterConstants.MAX_TOKENS,
                        "maxCompletionTokens=100", "99", "/max_tokens", "99", "5000", "5000", "maxCompletionTokens",
                        "100", "a token cap may only be lowered (to 100 or less)"),
                // the extra body header cannot add the other token field past the cap either
                Arguments.of("header " + LlmRouterConstants.EXTRA_BODY + " key 'max_completion_tokens'",
                        LlmRouterConstants.EXTRA_BODY, "maxTokens=100", Map.of("max_completion_tokens", 50),
                        "/max_completion_tokens", "50", Map.of("max_completion_tokens", 5000), "5000", "maxTokens",
                        "100", "a token cap may only be lowered (to 100 or less)"));
    }

    @ParameterizedTest(name = "[{index}] {1} under {2}: {3} applies")
    @MethodSource("policyHeaders")
    void aStricterPolicyHeaderIsSent(String source, String header, String endpoint, Object stricter, String pointer,
                                     String stricterJson, Object looser, String looserJson, String option,
                                     String endpointValue, String rule) {
        Exchange ex = camel.send(camel.chat("model=" + MINI + "&" + endpoint), "Hi", Map.of(header, stricter));
        assertNull(ex.getException());
        assertEquals(CamelHarness.json(stricterJson), sent().at(pointer));
        assertEquals(1, chats());
    }

    @ParameterizedTest(name = "[{index}] {1} under {2}: {6} is refused")
    @MethodSource("policyHeaders")
    void aLooserPolicyHeaderIsRefusedBeforeAnythingIsSent(String source, String header, String endpoint,
                                                           Object stricter, String pointer, String stricterJson,
                                                           Object looser, String looserJson, String option,
                                                           String endpointValue, String rule) {
        Exchange ex = camel.send(camel.chat("model=" + MINI + "&" + endpoint), "Hi", Map.of(header, looser));
        String shown = looser instanceof Map<?, ?> m ? String.valueOf(m.values().iterator().next())
                : "".equals(looser) ? "(empty list)" : String.valueOf(looser);
        assertRefused(ex, source, shown, option, endpointValue, rule);
        assertEquals("Hi", ex.getMessage().getBody(), "the body is unchanged");
        assertEquals(0, EMULATOR.emulator().requestCount(), "nothing reached the server");
    }

    @ParameterizedTest(name = "[{index}] {1} under {2}: override sends {6}")
    @MethodSource("policyHeaders")
    void withHeaderPolicyOverrideALooserHeaderReplacesTheOptionAsBefore(String source, String header,
                                                                         String endpoint, Object stricter,
                                                                         String pointer, String stricterJson,
                                                                         Object looser, String looserJson,
                                                                         String option, String endpointValue,
                                                                         String rule) {
        Exchange ex = camel.send(camel.chat("model=" + MINI + "&" + endpoint + "&headerPolicy=override"), "Hi",
                Map.of(header, looser));
        assertNull(ex.getException());
        assertEquals(CamelHarness.json(looserJson), sent().at(pointer));
    }

    @Test
    void zdrOnIsStricterThanNoZdrAndZdrOffUnderNoZdrChangesNothing() {
        camel.send(camel.chat("model=" + MINI), "Hi", Map.of(LlmRouterConstants.ZDR, true));
        assertTrue(sent().at("/provider/zdr").asBoolean());
        Exchange ex = camel.send(camel.chat("model=" + MINI + "&zdr=false"), "Hi", Map.of(LlmRouterConstants.ZDR, "false"));
        assertNull(ex.getException(), "false under an endpoint without zdr loosens nothing");
        assertEquals(false, sent().at("/provider/zdr").asBoolean(true));
        assertEquals(2, chats());
    }

    @Test
    void withoutTheOptionOnTheEndpointAnyPolicyHeaderValueIsAccepted() {
        Exchange ex = camel.send(camel.chat("model=" + MINI), "Hi", Map.of(
                LlmRouterConstants.PROVIDER_IGNORE, "Together",
                LlmRouterConstants.MAX_PRICE_PROMPT, "1000",
                LlmRouterConstants.MAX_PRICE_COMPLETION, "2000",
                LlmRouterConstants.MAX_TOKENS, "100000",
                LlmRouterConstants.DATA_COLLECTION, "allow",
                LlmRouterConstants.PROVIDER_ONLY, "OpenAI",
                LlmRouterConstants.MAX_PRICE_REQUEST, "5",
                LlmRouterConstants.MAX_PRICE_IMAGE, "5"));
        assertNull(ex.getException());
        assertEquals(CamelHarness.json("{\"ignore\":[\"Together\"],\"data_collection\":\"allow\",\"only\":[\"OpenAI\"],"
                                       + "\"max_price\":{\"prompt\":\"1000\",\"completion\":\"2000\",\"request\":\"5\","
                                       + "\"image\":\"5\"}}"), sent().get("provider"));
        assertEquals(100000, sent().get("max_tokens").asInt());
    }

    @Test
    void anEmptyProviderOnlyHeaderIsLooserUnderNarrowAndRemovesTheListUnderOverride() {
        Exchange refused = camel.send(camel.chat("model=" + MINI + "&providerOnly=Azure"), "Hi",
                Map.of(LlmRouterConstants.PROVIDER_ONLY, ""));
        assertRefused(refused, "header " + LlmRouterConstants.PROVIDER_ONLY, "(empty list)", "providerOnly", "Azure",
                "the allowed providers may only shrink, so the list must name one or more of Azure and no other");
        assertEquals(0, chats());

        Exchange ex = camel.send(camel.chat("model=" + MINI + "&providerOnly=Azure&headerPolicy=override"), "Hi",
                Map.of(LlmRouterConstants.PROVIDER_ONLY, ""));
        assertNull(ex.getException());
        assertTrue(sent().at("/provider/only").isMissingNode(), "override: the empty header sends no only-list");
    }

    @Test
    void componentOptionsArePolicyTooAndHeaderPolicyCanBeSetOnTheComponent() {
        useHarness(c -> c.getConfiguration().setMaxTokens(100), null, EMULATOR.baseUrl());
        Exchange refused = camel.send(camel.chat("model=" + MINI), "Hi", Map.of(LlmRouterConstants.MAX_TOKENS, 500));
        assertRefused(refused, "header " + LlmRouterConstants.MAX_TOKENS, "500", "maxTokens", "100",
                "a token cap may only be lowered (to 100 or less)");
        assertEquals(0, chats());

        useHarness(c -> {
            c.getConfiguration().setMaxTokens(100);
            c.getConfiguration().setHeaderPolicy(LlmRouterHeaderPolicy.override);
        }, null, EMULATOR.baseUrl());
        Exchange widened = camel.send(camel.chat("model=" + MINI), "Hi", Map.of(LlmRouterConstants.MAX_TOKENS, 500));
        assertNull(widened.getException());
        assertEquals(500, sent().get("max_tokens").asInt(), "the component's headerPolicy=override applies");

        Exchange endpointWins = camel.send(camel.chat("model=" + MINI + "&headerPolicy=narrow"), "Hi",
                Map.of(LlmRouterConstants.MAX_TOKENS, 500));
        assertInstanceOf(PolicyViolationException.class, endpointWins.getException());
        assertEquals(1, chats());
    }

    @Test
    void nonPolicyHeadersStillOverrideUnderNarrow() {
        Exchange ex = camel.send(camel.chat("model=" + MINI + "&sort=price&providerOrder=OpenAI&systemPrompt=endpoint"
                                            + "&sessionId=s1&user=u1&verbosity=high&zdr=true"), "Hi", Map.of(
                LlmRouterConstants.PROVIDER_SORT, "latency",
                LlmRouterConstants.PROVIDER_ORDER, "Azure",
                LlmRouterConstants.SYSTEM_PROMPT, "header prompt",
                LlmRouterConstants.SESSION_ID, "s2",
                LlmRouterConstants.USER, "u2",
                LlmRouterConstants.VERBOSITY, "low"));
        assertNull(ex.getException());
        JsonNode body = sent();
        assertEquals(CamelHarness.json("{\"order\":[\"Azure\"],\"zdr\":true,\"sort\":\"latency\"}"),
                body.get("provider"));
        assertEquals("header prompt", body.at("/messages/0/content").asText());
        assertEquals("s2", body.get("session_id").asText());
        assertEquals("u2", body.get("user").asText());
        assertEquals("low", body.get("verbosity").asText());
    }

    @Test
    void modelHeadersAreStillJudgedByAllowedModels() {
        String uri = camel.chat("model=" + MINI + "&allowedModels=openai/*,anthropic/*");
        Exchange refused = camel.send(uri, "Hi", Map.of(LlmRouterConstants.MODEL, CostGovernanceFixtures.FREE));
        ModelNotAllowedException e = assertInstanceOf(ModelNotAllowedException.class, refused.getException());
        assertEquals(CostGovernanceFixtures.FREE, e.getModel());
        assertEquals(0, chats());

        Exchange ok = camel.send(uri, "Hi", Map.of(LlmRouterConstants.MODEL, CostGovernanceFixtures.HAIKU));
        assertNull(ok.getException());
        assertEquals(CostGovernanceFixtures.HAIKU, sent().get("model").asText(),
                "an allowed model header replaces the endpoint's model under narrow too");
    }

    @Test
    void aLooserHeaderReservesNothingOnTheBudget() {
        camel.component.addBudget("team", new LlmRouterBudget(new BigDecimal("5"), "none"));
        String uri = camel.chat("model=" + MINI + "&maxTokens=100&budget=team");
        Exchange refused = camel.send(uri, "Hi", Map.of(LlmRouterConstants.MAX_TOKENS, 100000));
        assertRefused(refused, "header " + LlmRouterConstants.MAX_TOKENS, "100000", "maxTokens", "100",
                "a token cap may only be lowered (to 100 or less)");
        assertEquals(0, chats());
        assertNull(refused.getMessage().getHeader(LlmRouterConstants.ESTIMATED_COST), "no worst case was computed");
        var row = CostGovernanceFixtures.row(camel.component, "team", "");
        assertTrue(row == null || row.reserved().signum() == 0 && row.spent().signum() == 0,
                "nothing reserved or spent: " + row);

        Exchange ok = camel.send(uri, "Hi", Map.of(LlmRouterConstants.MAX_TOKENS, 10));
        assertNull(ok.getException());
        assertEquals(10, sent().get("max_tokens").asInt());
        assertEquals(1, chats());
    }

    @Test
    void aRefusalIsReportedToTheUsageLogAndObserversAsRefused() {
        List<dev.llmrouter.camel.usage.CallEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        useHarness(c -> c.addCallObserver(events::add), null, EMULATOR.baseUrl());
        Exchange ex = camel.send(camel.chat("model=" + MINI + "&providerIgnore=DeepInfra,Together"), "Hi",
                Map.of(LlmRouterConstants.PROVIDER_IGNORE, "Together", LlmRouterConstants.USER, "tenant-7"));
        assertRefused(ex, "header " + LlmRouterConstants.PROVIDER_IGNORE, "Together", "providerIgnore",
                "DeepInfra,Together", "the ignored providers may only grow, so the list must keep every provider of"
                                      + " DeepInfra,Together");
        assertEquals(1, events.size(), "one event for the refused call: " + events);
        dev.llmrouter.camel.usage.CallEvent event = events.get(0);
        assertEquals("refused", event.usage().outcome());
        assertEquals(MINI, event.usage().model(), "the row names the endpoint's model");
        assertEquals("PolicyViolationException", event.errorType());
        assertNull(event.usage().cost());
        assertEquals(0, EMULATOR.emulator().requestCount());
    }

    @Test
    void aLooserHeaderIsRefusedOnAStreamingEndpointToo() {
        Exchange ex = camel.send(camel.chat("model=" + MINI + "&zdr=true&stream=true"), "Hi",
                Map.of(LlmRouterConstants.ZDR, false));
        assertRefused(ex, "header " + LlmRouterConstants.ZDR, "false", "zdr", "true", "zdr may only be turned on");
        assertEquals(0, EMULATOR.emulator().requestCount());
    }

    // ---- ChatRequest bodies

    private static ProviderPreferences provider(String dataCollection, Boolean zdr, List<String> only,
                                                List<String> ignore, ProviderPreferences.MaxPrice maxPrice) {
        return new ProviderPreferences(null, null, null, dataCollection, zdr, null, only, ignore, null, null, maxPrice,
                null, null);
    }

    private static ChatRequest body(ProviderPreferences provider, Integer maxTokens, Integer maxCompletionTokens) {
        return ChatRequest.builder().messages(List.of(ChatMessage.user("Own message"))).provider(provider)
                .maxTokens(maxTokens).maxCompletionTokens(maxCompletionTokens).build();
    }

    private static Function<Object, ChatRequest> price(int field) {
        return v -> {
            String[] f = new String[5];
            f[field] = (String) v;
            return body(provider(null, null, null, null, new ProviderPreferences.MaxPrice(f[0], f[1], f[2], f[3], f[4])),
                    null, null);
        };
    }

    @SuppressWarnings("unchecked")
    static Stream<Arguments> policyFields() {
        String tokenRule = "a token cap may only be lowered (to 100 or less)";
        Function<Object, ChatRequest> only = v -> body(provider(null, null, (List<String>) v, null, null), null, null);
        return Stream.of(
                Arguments.of("provider.zdr", (Function<Object, ChatRequest>) v -> body(
                        provider(null, (Boolean) v, null, null, null), null, null), true, "/provider/zdr", "true",
                        false, "false", "zdr", "true", "zdr may only be turned on"),
                Arguments.of("provider.data_collection", (Function<Object, ChatRequest>) v -> body(
                        provider((String) v, null, null, null, null), null, null), "deny",
                        "/provider/data_collection", "\"deny\"", "allow", "allow", "dataCollection", "deny",
                        "data collection may only be denied"),
                Arguments.of("provider.ignore", (Function<Object, ChatRequest>) v -> body(
                        provider(null, null, null, (List<String>) v, null), null, null),
                        List.of("DeepInfra", "Together"), "/provider/ignore", "[\"DeepInfra\",\"Together\"]",
                        List.of("Together"), "Together", "providerIgnore", "DeepInfra",
                        "the ignored providers may only grow, so the list must keep every provider of DeepInfra"),
                Arguments.of("provider.only", only, List.of("azure"), "/provider/only", "[\"azure\"]",
                        List.of("OpenAI", "Azure", "Together"), "OpenAI,Azure,Together", "providerOnly",
                        "OpenAI,Azure", "the allowed providers may only shrink, so the list must name one or more of"
                                        + " OpenAI,Azure and no other"),
                Arguments.of("provider.only", only, List.of("Azure", "OpenAI"), "/provider/only",
                        "[\"Azure\",\"OpenAI\"]", List.of(), "(empty list)", "providerOnly", "OpenAI,Azure",
                        "the allowed providers may only shrink, so the list must name one or more of OpenAI,Azure"
                        + " and no other"),
                Arguments.of("provider.max_price.prompt", price(0), "0.5", "/provider/max_price/prompt", "\"0.5\"",
                        "1000", "1000", "maxPricePrompt", "1", "a price cap may only be lowered (to 1 or less)"),
                Arguments.of("provider.max_price.completion", price(1), "1", "/provider/max_price/completion",
                        "\"1\"", "3", "3", "maxPriceCompletion", "2", "a price cap may only be lowered (to 2 or less)"),
                Arguments.of("provider.max_price.request", price(2), "0.005", "/provider/max_price/request",
                        "\"0.005\"", "0.02", "0.02", "maxPriceRequest", "0.01",
                        "a price cap may only be lowered (to 0.01 or less)"),
                Arguments.of("provider.max_price.image", price(3), "0.0005", "/provider/max_price/image",
                        "\"0.0005\"", "1", "1", "maxPriceImage", "0.001",
                        "a price cap may only be lowered (to 0.001 or less)"),
                Arguments.of("max_tokens", (Function<Object, ChatRequest>) v -> body(null, (Integer) v, null), 50,
                        "/max_tokens", "50", 100000, "100000", "maxTokens", "100", tokenRule),
                Arguments.of("max_completion_tokens", (Function<Object, ChatRequest>) v -> body(null, null,
                        (Integer) v), 80, "/max_completion_tokens", "80", 101, "101", "maxTokens", "100", tokenRule));
    }

    @ParameterizedTest(name = "[{index}] body {0} = {2} applies")
    @MethodSource("policyFields")
    void aStricterBodyFieldIsSentAndTheEndpointFillsTheRest(String field, Function<Object, ChatRequest> body,
                                                           Object stricter, String pointer, String stricterJson,
                                                           Object looser, String shown, String option,
                                                           String endpointValue, String rule) {
        Exchange ex = camel.send(camel.chat(POLICY), body.apply(stricter));
        assertNull(ex.getException());
        JsonNode sent = sent();
        assertEquals(CamelHarness.json(stricterJson), sent.at(pointer));
        assertTrue(sent.at("/provider/zdr").asBoolean(), "the endpoint's zdr still holds");
        assertEquals("deny", sent.at("/provider/data_collection").asText());
        assertTrue(sent.at("/max_tokens").asInt() <= 100, "the endpoint's token cap still holds");
        assertEquals(1, chats());
    }

    @ParameterizedTest(name = "[{index}] body {0} = {6} is refused")
    @MethodSource("policyFields")
    void aLooserBodyFieldIsRefusedBeforeAnythingIsSent(String field, Function<Object, ChatRequest> body,
                                                        Object stricter, String pointer, String stricterJson,
                                                        Object looser, String shown, String option,
                                                        String endpointValue, String rule) {
        ChatRequest request = body.apply(looser);
        Exchange ex = camel.send(camel.chat(POLICY), request);
        assertRefused(ex, "body field " + field, shown, option, endpointValue, rule);
        assertSame(request, ex.getMessage().getBody(), "the body is unchanged");
        assertEquals(0, EMULATOR.emulator().requestCount(), "nothing reached the server");
    }

    @ParameterizedTest(name = "[{index}] body {0} = {6} under override")
    @MethodSource("policyFields")
    void withHeaderPolicyOverrideALooserBodyFieldIsSentAsItIs(String field, Function<Object, ChatRequest> body,
                                                              Object stricter, String pointer, String stricterJson,
                                                              Object looser, String shown, String option,
                                                              String endpointValue, String rule) {
        camel.send(camel.chat(POLICY + "&headerPolicy=override"), body.apply(looser));
        assertTrue(chats() >= 1, "the looser body was sent");
        JsonNode expected = looser instanceof List<?> list ? CamelHarness.JSON.valueToTree(list)
                : looser instanceof String s && pointer.contains("max_price") ? CamelHarness.JSON.valueToTree(s)
                : CamelHarness.JSON.valueToTree(looser);
        assertEquals(expected, sent().at(pointer));
    }

    @Test
    void aBodyWithoutPolicyFieldsIsSentWithTheEndpointsPolicy() {
        Exchange ex = camel.send(camel.chat(POLICY), body(null, null, null));
        assertNull(ex.getException());
        assertEquals(CamelHarness.json("{\"data_collection\":\"deny\",\"zdr\":true,\"only\":[\"OpenAI\",\"Azure\"],"
                                       + "\"ignore\":[\"DeepInfra\"],\"max_price\":{\"prompt\":\"1\",\"completion\":\"2\","
                                       + "\"request\":\"0.01\",\"image\":\"0.001\"}}"), sent().get("provider"));
        assertEquals(100, sent().get("max_tokens").asInt());
        assertEquals("Azure", ex.getMessage().getHeader(LlmRouterConstants.RESPONSE_PROVIDER),
                "only the zdr provider the policy leaves served it");
    }

    @Test
    void aBodyThatNarrowsSeveralFieldsAtOnceIsSentAsItAsks() {
        ChatRequest request = body(provider("deny", true, List.of("Azure"), List.of("DeepInfra", "Together"),
                new ProviderPreferences.MaxPrice("0.9", null, null, null, null)), 20, 30);
        Exchange ex = camel.send(camel.chat(POLICY), request);
        assertNull(ex.getException());
        assertEquals(CamelHarness.json("{\"data_collection\":\"deny\",\"zdr\":true,\"only\":[\"Azure\"],"
                                       + "\"ignore\":[\"DeepInfra\",\"Together\"],\"max_price\":{\"prompt\":\"0.9\","
                                       + "\"completion\":\"2\",\"request\":\"0.01\",\"image\":\"0.001\"}}"),
                sent().get("provider"));
        assertEquals(20, sent().get("max_tokens").asInt());
        assertEquals(30, sent().get("max_completion_tokens").asInt());
    }

    @Test
    void aMessageListBodyCarriesNoPolicyAndGetsTheEndpointsButItsHeadersAreStillChecked() {
        List<ChatMessage> messages = List.of(ChatMessage.user("one"), ChatMessage.user("two"));
        Exchange ok = camel.send(camel.chat(POLICY), messages);
        assertNull(ok.getException());
        assertTrue(sent().at("/provider/zdr").asBoolean());

        Exchange refused = camel.send(camel.chat(POLICY), messages,
                Map.of(LlmRouterConstants.MAX_PRICE_PROMPT, "1.01"));
        assertRefused(refused, "header " + LlmRouterConstants.MAX_PRICE_PROMPT, "1.01", "maxPricePrompt", "1",
                "a price cap may only be lowered (to 1 or less)");
        assertSame(messages, refused.getMessage().getBody());
        assertEquals(1, chats());
    }

    @Test
    void aTokenCapInTheBodysExtraFieldsIsHeldToTheEndpointsCap() {
        ChatRequest request = ChatRequest.builder().messages(List.of(ChatMessage.user("Hi")))
                .extra(Map.of("max_completion_tokens", 5000)).build();
        Exchange ex = camel.send(camel.chat("model=" + MINI + "&maxTokens=100"), request);
        assertRefused(ex, "body extra key 'max_completion_tokens'", "5000", "maxTokens", "100",
                "a token cap may only be lowered (to 100 or less)");
        assertEquals(0, EMULATOR.emulator().requestCount());
    }
}
