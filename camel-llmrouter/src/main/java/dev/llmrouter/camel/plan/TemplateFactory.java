package dev.llmrouter.camel.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.camel.agent.ToolCatalog;
import dev.llmrouter.camel.wire.CacheControl;
import dev.llmrouter.camel.wire.ChatRequest;
import dev.llmrouter.camel.wire.Plugin;
import dev.llmrouter.camel.wire.Prediction;
import dev.llmrouter.camel.wire.ProviderPreferences;
import dev.llmrouter.camel.wire.Reasoning;
import dev.llmrouter.camel.wire.ResponseFormat;
import dev.llmrouter.camel.wire.StopCondition;
import dev.llmrouter.camel.wire.WebSearchOptions;

/**
 * Validates the endpoint options and turns them into a {@link RequestTemplate}. Runs once per endpoint, so an
 * invalid option fails when the endpoint is created, and nothing here runs per exchange.
 */
public final class TemplateFactory {

    private TemplateFactory() {
    }

    /**
     * @param o            the options
     * @param outputClass  the loaded {@code outputClass}, or null
     * @param jsonSchema   the parsed {@code jsonSchema} resource, or null
     * @param schemaName   the name sent with {@code jsonSchema}
     * @param fullResponse true for option responseMode=full (the whole response becomes the body)
     */
    public static RequestTemplate create(ChatOptions o, Class<?> outputClass, JsonNode jsonSchema, String schemaName,
                                         boolean fullResponse) {
        if (outputClass != null && jsonSchema != null) {
            throw new IllegalArgumentException("Options outputClass and jsonSchema cannot be used together");
        }

        ChatRequest.Builder b = ChatRequest.builder()
                .model(Validation.model("model", blankToNull(o.getModel())))
                .models(Validation.models("fallbackModels", Validation.csv(o.getFallbackModels())))
                .maxTokens(Validation.atLeast("maxTokens", o.getMaxTokens(), 1))
                .maxCompletionTokens(Validation.atLeast("maxCompletionTokens", o.getMaxCompletionTokens(), 1))
                .serviceTier(Validation.oneOf("serviceTier", blankToNull(o.getServiceTier()), Validation.SERVICE_TIERS))
                .verbosity(Validation.oneOf("verbosity", blankToNull(o.getVerbosity()), Validation.VERBOSITIES))
                .modalities(Validation.allOf("modalities", Validation.csv(o.getModalities()), Validation.MODALITIES))
                .imageConfig(imageConfig(o.getImageConfig()))
                .logprobs(o.getLogprobs())
                .topLogprobs(topLogprobs(o))
                .prediction(o.getPrediction() == null || o.getPrediction().isEmpty() ? null
                        : Prediction.content(o.getPrediction()))
                .stopServerToolsWhen(stopServerToolsWhen(o))
                .trace(o.getTrace() == null || o.getTrace().isEmpty() ? null : Map.copyOf(o.getTrace()))
                .temperature(Validation.between("temperature", o.getTemperature(), 0, 2))
                .topP(Validation.between("topP", o.getTopP(), 0, 1))
                .topK(Validation.atLeast("topK", o.getTopK(), 0))
                .frequencyPenalty(Validation.between("frequencyPenalty", o.getFrequencyPenalty(), -2, 2))
                .presencePenalty(Validation.between("presencePenalty", o.getPresencePenalty(), -2, 2))
                .repetitionPenalty(Validation.between("repetitionPenalty", o.getRepetitionPenalty(), 0, 2))
                .minP(Validation.between("minP", o.getMinP(), 0, 1))
                .seed(o.getSeed())
                .stop(stop(o.getStop()))
                .sessionId(Validation.maxLength("sessionId", blankToNull(o.getSessionId()), 256))
                .user(blankToNull(o.getUser()))
                .metadata(metadata(o.getMetadata()))
                .provider(provider(o))
                .plugins(plugins(o))
                .webSearchOptions(webSearchOptions(o))
                .reasoning(reasoning(o))
                .cacheControl(cacheControl(o.getCacheControl()))
                .tools(ToolCatalog.passThrough(o.getTools()))
                .toolChoice(Validation.oneOf("toolChoice", blankToNull(o.getToolChoice()), Validation.TOOL_CHOICES))
                .parallelToolCalls(o.getParallelToolCalls());
        if (outputClass != null) {
            b.responseFormat(ResponseFormat.jsonSchema(
                    SchemaGenerator.schemaName(outputClass), SchemaGenerator.generate(outputClass), true));
        } else if (jsonSchema != null) {
            b.responseFormat(ResponseFormat.jsonSchema(schemaName, jsonSchema, true));
        }
        b.extra(ExtraBody.parseOption(o.getExtraBody(), b.build()));
        return new RequestTemplate(b.build(), blankToNull(o.getSystemPrompt()), attribution(o), outputClass,
                fullResponse);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static List<String> stop(String stop) {
        List<String> list = Validation.csv(stop);
        if (list != null && list.size() > 4) {
            throw new IllegalArgumentException("Invalid value for stop: at most 4 stop sequences, got " + list.size());
        }
        return list;
    }

    private static Integer topLogprobs(ChatOptions o) {
        Integer n = Validation.between("topLogprobs", o.getTopLogprobs(), 0, 20);
        if (n != null && !Boolean.TRUE.equals(o.getLogprobs())) {
            throw new IllegalArgumentException("Option topLogprobs requires logprobs=true");
        }
        return n;
    }

    /** image_config values: a number where the text is one (e.g. output_compression=80), else the text. */
    private static Map<String, Object> imageConfig(Map<String, Object> config) {
        if (config == null || config.isEmpty()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            Object value = v;
            if (v instanceof String text) {
                try {
                    value = new BigDecimal(text.trim());
                } catch (NumberFormatException e) {
                    value = text;
                }
            }
            out.put(k, value);
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    private static List<StopCondition> stopServerToolsWhen(ChatOptions o) {
        List<StopCondition> conditions = new ArrayList<>();
        Double cost = o.getStopServerToolsWhenMaxCost();
        if (cost != null) {
            conditions.add(StopCondition.maxCost(new BigDecimal(price("stopServerToolsWhenMaxCost", cost))));
        }
        Integer steps = Validation.atLeast("stopServerToolsWhenStepCount", o.getStopServerToolsWhenStepCount(), 1);
        if (steps != null) {
            conditions.add(StopCondition.stepCount(steps));
        }
        Integer tokens = Validation.atLeast("stopServerToolsWhenMaxTokens", o.getStopServerToolsWhenMaxTokens(), 1);
        if (tokens != null) {
            conditions.add(StopCondition.maxTokensUsed(tokens));
        }
        return conditions.isEmpty() ? null : List.copyOf(conditions);
    }

    private static Map<String, String> metadata(Map<String, String> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return null;
        }
        if (metadata.size() > 16) {
            throw new IllegalArgumentException("Invalid metadata: at most 16 pairs, got " + metadata.size());
        }
        Map<String, String> out = new LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            Validation.maxLength("metadata key '" + k + "'", k, 64);
            Validation.maxLength("metadata." + k, v, 512);
            out.put(k, v);
        });
        return Map.copyOf(out);
    }

    private static ProviderPreferences provider(ChatOptions o) {
        String sort = Validation.oneOf("sort", blankToNull(o.getSort()), Validation.SORTS);
        String partition = Validation.oneOf("sortPartition", blankToNull(o.getSortPartition()),
                Validation.SORT_PARTITIONS);
        if (partition != null && sort == null) {
            throw new IllegalArgumentException("Option sortPartition requires option sort");
        }
        Object sortValue = partition == null ? sort : new ProviderPreferences.SortConfig(sort, partition);
        ProviderPreferences.MaxPrice maxPrice = new ProviderPreferences.MaxPrice(
                price("maxPricePrompt", o.getMaxPricePrompt()),
                price("maxPriceCompletion", o.getMaxPriceCompletion()),
                price("maxPriceRequest", o.getMaxPriceRequest()),
                price("maxPriceImage", o.getMaxPriceImage()), null);
        ProviderPreferences p = new ProviderPreferences(
                Validation.csv(o.getProviderOrder()),
                o.getAllowFallbacks(),
                o.getRequireParameters(),
                Validation.oneOf("dataCollection", blankToNull(o.getDataCollection()), Validation.DATA_COLLECTION),
                o.getZdr(),
                o.getEnforceDistillableText(),
                Validation.csv(o.getProviderOnly()),
                Validation.csv(o.getProviderIgnore()),
                Validation.allOf("quantizations", Validation.csv(o.getQuantizations()), Validation.QUANTIZATIONS),
                sortValue,
                maxPrice.isEmpty() ? null : maxPrice,
                Validation.threshold("preferredMinThroughput", o.getPreferredMinThroughput()),
                Validation.threshold("preferredMaxLatency", o.getPreferredMaxLatency()));
        return p.isEmpty() ? null : p;
    }

    /** A max-price value as the plain decimal string the spec asks for. */
    public static String price(String option, BigDecimal value) {
        return value == null ? null : Validation.notNegative(option, value).stripTrailingZeros().toPlainString();
    }

    private static String price(String option, Double value) {
        if (value != null && (value.isNaN() || value.isInfinite())) {
            throw new IllegalArgumentException("Invalid value '" + value + "' for " + option + ": not a number");
        }
        return value == null ? null : price(option, BigDecimal.valueOf(value));
    }

    private static List<Plugin> plugins(ChatOptions o) {
        List<Plugin> plugins = new ArrayList<>();
        boolean webOptions = o.getWebEngine() != null || o.getWebMaxResults() != null
                             || o.getWebSearchPrompt() != null || o.getWebIncludeDomains() != null
                             || o.getWebExcludeDomains() != null;
        Plugin.UserLocation location = Plugin.UserLocation.approximate(blankToNull(o.getWebUserLocationCity()),
                blankToNull(o.getWebUserLocationRegion()), blankToNull(o.getWebUserLocationCountry()),
                blankToNull(o.getWebUserLocationTimezone()));
        if (!o.isWebSearch() && (o.getWebMaxUses() != null || location != null)) {
            throw new IllegalArgumentException("Options webMaxUses and webUserLocationCity, webUserLocationRegion,"
                                               + " webUserLocationCountry, webUserLocationTimezone require webSearch=true");
        }
        if (o.isWebSearch()) {
            plugins.add(Plugin.web(
                    Validation.oneOf("webEngine", blankToNull(o.getWebEngine()), Validation.WEB_ENGINES),
                    Validation.atLeast("webMaxResults", o.getWebMaxResults(), 1),
                    blankToNull(o.getWebSearchPrompt()),
                    Validation.csv(o.getWebIncludeDomains()),
                    Validation.csv(o.getWebExcludeDomains()),
                    Validation.atLeast("webMaxUses", o.getWebMaxUses(), 1),
                    location));
        } else if (webOptions) {
            throw new IllegalArgumentException(
                    "Options webEngine, webMaxResults, webSearchPrompt, webIncludeDomains and webExcludeDomains"
                                               + " require webSearch=true");
        }
        String pdf = Validation.oneOf("pdfEngine", blankToNull(o.getPdfEngine()), Validation.PDF_ENGINES);
        if (pdf != null) {
            plugins.add(Plugin.fileParser(pdf));
        }
        if (o.isResponseHealing()) {
            plugins.add(Plugin.responseHealing());
        }
        String compression = Validation.oneOf("contextCompression", blankToNull(o.getContextCompression()),
                Validation.CONTEXT_COMPRESSION);
        if (compression != null) {
            plugins.add(Plugin.contextCompression(compression));
        }
        List<String> allowed = Validation.csv(o.getAutoRouterAllowedModels());
        String costTier = Validation.oneOf("autoRouterCostTier", blankToNull(o.getAutoRouterCostTier()),
                Validation.AUTO_ROUTER_COST_TIERS);
        if (allowed != null || costTier != null) {
            plugins.add(Plugin.autoRouter(allowed, costTier));
        }
        return plugins.isEmpty() ? null : List.copyOf(plugins);
    }

    private static WebSearchOptions webSearchOptions(ChatOptions o) {
        String size = Validation.oneOf("webSearchContextSize", blankToNull(o.getWebSearchContextSize()),
                Validation.WEB_CONTEXT_SIZES);
        return size == null ? null : new WebSearchOptions(size);
    }

    private static Reasoning reasoning(ChatOptions o) {
        String effort = Validation.oneOf("reasoningEffort", blankToNull(o.getReasoningEffort()),
                Validation.REASONING_EFFORTS);
        Integer max = Validation.atLeast("reasoningMaxTokens", o.getReasoningMaxTokens(), 0);
        if (effort != null && max != null) {
            throw new IllegalArgumentException(
                    "Options reasoningEffort and reasoningMaxTokens cannot be used together: OpenRouter takes one of them");
        }
        if (effort == null && max == null && o.getReasoningExclude() == null) {
            return null;
        }
        return new Reasoning(effort, max, o.getReasoningExclude(), null);
    }

    private static CacheControl cacheControl(String ttl) {
        String t = Validation.oneOf("cacheControl", blankToNull(ttl), Validation.CACHE_TTLS);
        return t == null ? null : CacheControl.ephemeral(t);
    }

    private static Map<String, String> attribution(ChatOptions o) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (blankToNull(o.getAppUrl()) != null) {
            headers.put("HTTP-Referer", o.getAppUrl());
        }
        if (blankToNull(o.getAppTitle()) != null) {
            headers.put("X-OpenRouter-Title", o.getAppTitle());
            headers.put("X-Title", o.getAppTitle());
        }
        if (o.isOpenrouterMetadata()) {
            headers.put("X-OpenRouter-Metadata", "enabled");
        }
        return Map.copyOf(headers);
    }
}
