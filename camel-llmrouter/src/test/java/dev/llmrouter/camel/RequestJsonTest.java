package dev.llmrouter.camel;

import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmrouter.test.RecordedCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * For every option that shapes the request: the exact JSON body that reaches the server, parsed and compared as
 * a whole (so a missing field, an extra field or a wrong type all fail).
 */
class RequestJsonTest extends EmulatorTestSupport {


    private static final String BASE = "model=openai/gpt-4o-mini";
    static Stream<Arguments> options() {
        return Stream.of(
                // common
                Arguments.of("", "{}"),
                Arguments.of("fallbackModels=anthropic/claude-haiku-4.5, anthropic/claude-sonnet-4.5",
                        "{\"models\":[\"anthropic/claude-haiku-4.5\",\"anthropic/claude-sonnet-4.5\"]}"),
                Arguments.of("maxTokens=256", "{\"max_tokens\":256}"),
                Arguments.of("temperature=0.2", "{\"temperature\":0.2}"),
                Arguments.of("topP=0.9", "{\"top_p\":0.9}"),
                Arguments.of("seed=42", "{\"seed\":42}"),
                Arguments.of("stop=END,STOP", "{\"stop\":[\"END\",\"STOP\"]}"),
                Arguments.of("sessionId=conv-17", "{\"session_id\":\"conv-17\"}"),
                Arguments.of("user=tenant-a", "{\"user\":\"tenant-a\"}"),
                Arguments.of("metadata.team=billing&metadata.env=ci",
                        "{\"metadata\":{\"team\":\"billing\",\"env\":\"ci\"}}"),
                Arguments.of("topK=40", "{\"top_k\":40}"),
                Arguments.of("frequencyPenalty=0.5", "{\"frequency_penalty\":0.5}"),
                Arguments.of("presencePenalty=-0.5", "{\"presence_penalty\":-0.5}"),
                Arguments.of("repetitionPenalty=1.1", "{\"repetition_penalty\":1.1}"),
                Arguments.of("minP=0.05", "{\"min_p\":0.05}"),
                // provider
                Arguments.of("providerOrder=DeepInfra,Together",
                        "{\"provider\":{\"order\":[\"DeepInfra\",\"Together\"]}}"),
                Arguments.of("allowFallbacks=false", "{\"provider\":{\"allow_fallbacks\":false}}"),
                Arguments.of("requireParameters=true", "{\"provider\":{\"require_parameters\":true}}"),
                Arguments.of("dataCollection=deny", "{\"provider\":{\"data_collection\":\"deny\"}}"),
                Arguments.of("zdr=true", "{\"provider\":{\"zdr\":true}}"),
                Arguments.of("enforceDistillableText=true", "{\"provider\":{\"enforce_distillable_text\":true}}"),
                Arguments.of("providerOnly=OpenAI,Azure", "{\"provider\":{\"only\":[\"OpenAI\",\"Azure\"]}}"),
                Arguments.of("providerIgnore=Azure", "{\"provider\":{\"ignore\":[\"Azure\"]}}"),
                Arguments.of("quantizations=fp8,bf16", "{\"provider\":{\"quantizations\":[\"fp8\",\"bf16\"]}}"),
                Arguments.of("sort=price", "{\"provider\":{\"sort\":\"price\"}}"),
                Arguments.of("sort=throughput&sortPartition=none",
                        "{\"provider\":{\"sort\":{\"by\":\"throughput\",\"partition\":\"none\"}}}"),
                Arguments.of("maxPricePrompt=1&maxPriceCompletion=2.50&maxPriceRequest=0.01&maxPriceImage=0.5",
                        "{\"provider\":{\"max_price\":{\"prompt\":\"1\",\"completion\":\"2.5\",\"request\":\"0.01\","
                                                                                                     + "\"image\":\"0.5\"}}}"),
                Arguments.of("preferredMinThroughput=50", "{\"provider\":{\"preferred_min_throughput\":50}}"),
                Arguments.of("preferredMinThroughput=p50:100,p90:50",
                        "{\"provider\":{\"preferred_min_throughput\":{\"p50\":100.0,\"p90\":50.0}}}"),
                Arguments.of("preferredMaxLatency=p99:3.5", "{\"provider\":{\"preferred_max_latency\":{\"p99\":3.5}}}"),
                Arguments.of("preferredMaxLatency=2", "{\"provider\":{\"preferred_max_latency\":2}}"),
                // plugins
                Arguments.of("webSearch=true", "{\"plugins\":[{\"id\":\"web\"}]}"),
                Arguments.of("webSearch=true&webEngine=exa&webMaxResults=3&webSearchPrompt=Sources:"
                             + "&webIncludeDomains=example.com,*.example.org&webExcludeDomains=spam.test",
                        "{\"plugins\":[{\"id\":\"web\",\"engine\":\"exa\",\"max_results\":3,\"search_prompt\":\"Sources:\","
                                                                                           + "\"include_domains\":[\"example.com\",\"*.example.org\"],"
                                                                                           + "\"exclude_domains\":[\"spam.test\"]}]}"),
                Arguments.of("webSearchContextSize=high", "{\"web_search_options\":{\"search_context_size\":\"high\"}}"),
                Arguments.of("pdfEngine=mistral-ocr",
                        "{\"plugins\":[{\"id\":\"file-parser\",\"pdf\":{\"engine\":\"mistral-ocr\"}}]}"),
                Arguments.of("responseHealing=true", "{\"plugins\":[{\"id\":\"response-healing\"}]}"),
                Arguments.of("contextCompression=middle-out",
                        "{\"plugins\":[{\"id\":\"context-compression\",\"engine\":\"middle-out\"}]}"),
                // output
                Arguments.of("reasoningEffort=high&reasoningExclude=true",
                        "{\"reasoning\":{\"effort\":\"high\",\"exclude\":true}}"),
                Arguments.of("reasoningMaxTokens=2000", "{\"reasoning\":{\"max_tokens\":2000}}"),
                Arguments.of("cacheControl=1h", "{\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}"),
                Arguments.of("toolChoice=auto&parallelToolCalls=false",
                        "{\"tool_choice\":\"auto\",\"parallel_tool_calls\":false}"),
                Arguments.of("jsonSchema=classpath:schemas/ticket.json&jsonSchemaName=ticket",
                        "{\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"ticket\",\"strict\":true,"
                                                                                                  + "\"schema\":{\"type\":\"object\",\"properties\":{\"label\":{\"type\":\"string\"}},"
                                                                                                  + "\"required\":[\"label\"],\"additionalProperties\":false}}}}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("options")
    void sendsExactlyTheFieldsTheOptionsSay(String options, String expectedExtra) {
        // the emulator may refuse some constraint combinations (e.g. no provider left); only the request matters
        camel.send(camel.chat(BASE + (options.isEmpty() ? "" : "&" + options)), "Hi");

        ObjectNode expected = (ObjectNode) CamelHarness.json(
                "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        expected.setAll((ObjectNode) CamelHarness.json(expectedExtra));
        RecordedCall call = EMULATOR.emulator().lastRequest();
        assertEquals("/api/v1/chat/completions", call.path());
        assertEquals(expected, call.json());
    }

    @Test
    void systemPromptComesFirstAndAttributionGoesInHeaders() {
        camel.send(camel.chat(BASE + "&systemPrompt=Be brief.&appTitle=Ticket Router&appUrl=https://tickets.example"),
                "Hi");
        RecordedCall call = EMULATOR.emulator().lastRequest();
        assertEquals(CamelHarness.json("{\"model\":\"openai/gpt-4o-mini\",\"messages\":["
                                       + "{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi\"}]}"),
                call.json());
        assertEquals("Ticket Router", call.header("X-OpenRouter-Title"));
        assertEquals("Ticket Router", call.header("X-Title"));
        assertEquals("https://tickets.example", call.header("HTTP-Referer"));
        assertEquals("Bearer " + CamelHarness.API_KEY, call.header("Authorization"));
        assertEquals("application/json", call.header("Content-Type").replaceAll(";.*", ""));
    }

    @Test
    void toolsComeFromABeanReference() {
        java.util.Map<String, Object> weather = java.util.Map.of("type", "function", "function", java.util.Map.of(
                "name", "get_weather", "description", "Weather for a city",
                "parameters", java.util.Map.of("type", "object",
                        "properties", java.util.Map.of("city", java.util.Map.of("type", "string")),
                        "required", java.util.List.of("city"))));
        camel.context.getRegistry().bind("myTools", java.util.List.of(weather));
        camel.send(camel.chat(BASE + "&tools=#myTools&toolChoice=required"), "Weather in Paris?");
        JsonNode sent = EMULATOR.emulator().lastRequest().json();
        assertEquals(CamelHarness.json("[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                                       + "\"description\":\"Weather for a city\",\"parameters\":{\"type\":\"object\","
                                       + "\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}]"),
                sent.get("tools"));
        assertEquals("required", sent.get("tool_choice").asText());
    }

    @Test
    void modelSuffixesPassThroughUntouched() {
        for (String model : new String[] { "openai/gpt-4o-mini:online", "meta-llama/llama-3.3-70b-instruct:nitro",
                                           "meta-llama/llama-3.3-70b-instruct:floor" }) {
            camel.send(camel.chat("model=" + model), "Hi");
            JsonNode sent = EMULATOR.emulator().lastRequest().json();
            assertEquals(model, sent.get("model").asText());
        }
    }
}
