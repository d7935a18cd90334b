package dev.llmrouter.test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * {@code POST /chat/completions}: walks the model candidates ({@code model}, then {@code models}), applies
 * scripted model and provider faults, routes to a provider and answers, or returns the last candidate's error.
 */
final class ChatHandler {

    static final String NO_ENDPOINTS =
            "No endpoints found matching your provider constraints, data policy or max price";

    private final EmulatorState state;
    private final ReplyComposer composer;

    ChatHandler(EmulatorState state) {
        this.state = state;
        this.composer = new ReplyComposer(state);
    }

    ResponseDefinitionBuilder handle(RecordedCall call) {
        JsonNode root = call.json();
        if (root == null || !root.isObject()) {
            return Responses.error(400, "Request body must be a JSON object");
        }
        ChatRequest req = new ChatRequest(root, call);
        if (!req.hasMessages()) {
            return Responses.error(400, "Input required: \"messages\" must be a non-empty array");
        }
        if (state.creditsExhausted()) {
            return Responses.error(402, "Insufficient credits: this key's limit of "
                    + Json.plain(state.keyLimit()) + " USD is reached", Map.of("error_type", "payment_required"));
        }
        List<String> candidates = req.candidates();
        if (candidates.isEmpty()) {
            return Responses.error(400, "No model specified: set \"model\" or \"models\"");
        }
        long delayMs = 0;
        int attempt = 0;
        ResponseDefinitionBuilder lastError = null;
        for (int index = 0; index < candidates.size(); index++) {
            String requested = candidates.get(index);
            List<String> others = new ArrayList<>(candidates);
            others.remove(index);
            ModelSlug slug = ModelSlug.parse(requested);
            EmulatorModel model = state.catalog.model(slug.id()).orElse(null);
            attempt++;
            if (model == null) {
                lastError = unknownModel(requested, others);
                continue;
            }
            List<String> providerNames = model.providers().stream().map(EmulatorProvider::name).toList();
            EmulatorFault modifier = null;
            EmulatorFault modelFault = state.claimModelFault(requested, model.id(), req.stream());
            if (modelFault != null && modelFault.kind() == EmulatorFault.Kind.REJECT_PREFILL) {
                if (req.assistantPrefill() != null) {
                    lastError = Responses.error(400, modelFault.message(), Map.of("model", model.id()));
                    continue;
                }
                modelFault = null;
            }
            if (modelFault != null && modelFault.kind() == EmulatorFault.Kind.SLOW_FIRST_TOKEN && !req.stream()) {
                delayMs += modelFault.pause().toMillis();
            }
            if (modelFault != null) {
                delayMs += modelFault.delay().toMillis();
                if (modelFault.isFailure()) {
                    lastError = Responses.failure(modelFault, new Responses.Context(req.lastUserText(), model.id(),
                            null, providerNames, others));
                    continue;
                }
                modifier = modelFault;
            }
            List<EmulatorProvider> providers = ProviderRouter.route(model, req.provider(), slug);
            if (providers.isEmpty()) {
                lastError = Responses.error(404, NO_ENDPOINTS, Map.of("model", model.id()));
                continue;
            }
            for (int p = 0; p < providers.size(); p++) {
                EmulatorProvider provider = providers.get(p);
                if (p > 0) {
                    attempt++;
                }
                EmulatorFault providerFault = state.claimProviderFault(provider, req.stream());
                if (providerFault != null && providerFault.kind() == EmulatorFault.Kind.REJECT_PREFILL) {
                    if (req.assistantPrefill() != null) {
                        lastError = Responses.error(400, providerFault.message(),
                                Map.of("model", model.id(), "provider_name", provider.name()));
                        continue;
                    }
                    providerFault = null;
                }
                if (providerFault != null && providerFault.kind() == EmulatorFault.Kind.SLOW_FIRST_TOKEN
                        && !req.stream()) {
                    delayMs += providerFault.pause().toMillis();
                }
                if (providerFault != null) {
                    delayMs += providerFault.delay().toMillis();
                    if (providerFault.isFailure()) {
                        lastError = Responses.failure(providerFault, new Responses.Context(req.lastUserText(),
                                model.id(), provider.name(), providerNames, others));
                        continue;
                    }
                    modifier = modifier == null || modifier.kind() == EmulatorFault.Kind.DELAY_ONLY
                            ? providerFault : modifier;
                }
                ObjectNode metadata = req.wantsRouterMetadata()
                        ? routerMetadata(candidates.get(0), index, attempt, model, providers, provider) : null;
                return delayed(answer(req, slug, model, provider, modifier, delayMs, metadata), delayMs);
            }
        }
        return delayed(lastError, delayMs);
    }

    /**
     * 400 for an unknown model id, with {@code error.availability} code {@code model_not_found} naming the
     * request's other candidate models.
     */
    private static ResponseDefinitionBuilder unknownModel(String requested, List<String> others) {
        ObjectNode body = Responses.errorBody(400, requested + " is not a valid model ID",
                Map.of("code", "model_not_found", "model", requested));
        ((ObjectNode) body.get("error")).set("availability", Responses.availability(
                new EmulatorFault.Availability("model_not_found", false, null, others, List.of()),
                Responses.Context.NONE));
        return Responses.json(400, body);
    }

    /**
     * {@code openrouter_metadata}: what was requested, whether a fallback model served ({@code strategy}), the
     * attempt number, and the endpoints routing considered with the selected one.
     */
    static ObjectNode routerMetadata(String requested, int candidateIndex, int attempt, EmulatorModel model,
            List<EmulatorProvider> routed, EmulatorProvider selected) {
        ObjectNode m = Json.object();
        m.put("requested", requested);
        m.put("strategy", candidateIndex == 0 ? "direct" : "fallback");
        m.put("region", "emu");
        m.put("summary", "available=" + routed.size() + ", selected=" + selected.name());
        m.put("attempt", attempt);
        m.put("is_byok", false);
        ObjectNode endpoints = m.putObject("endpoints");
        endpoints.put("total", model.providers().size());
        ArrayNode available = endpoints.putArray("available");
        for (EmulatorProvider p : routed) {
            available.addObject().put("provider", p.name()).put("model", model.id()).put("selected", p == selected);
        }
        return m;
    }

    private ResponseDefinitionBuilder answer(ChatRequest req, ModelSlug slug, EmulatorModel model,
            EmulatorProvider provider, EmulatorFault modifier, long delayMs, ObjectNode metadata) {
        EmulatorFault.Kind kind = modifier == null ? null : modifier.kind();
        boolean choiceError = kind == EmulatorFault.Kind.CHOICE_ERROR;
        ChatCompletion c = composer.compose(req, slug, model, provider, choiceError);
        if (kind == EmulatorFault.Kind.CONTENT_FILTER && c.content() != null) {
            String half = c.content().substring(0, c.content().length() / 2);
            c = new ChatCompletion(c.id(), c.created(), c.model(), c.provider(), half, c.toolCalls(), "content_filter",
                    c.promptTokens(), c.completionTokens(), c.promptCost(), c.completionCost(), c.cost(),
                    c.searchResults(), c.searchQuery(), c.extras());
        }
        String finish = c.finishReason();
        if (kind == EmulatorFault.Kind.STREAM_ERROR) {
            finish = "error";
        } else if (kind == EmulatorFault.Kind.STREAM_CUT) {
            finish = null;
        }
        RecordedCall call = req.call();
        state.addGeneration(new Generation(c.id(), "completions", model.id(), provider.name(), c.promptTokens(),
                c.completionTokens(), c.cost(), Instant.ofEpochSecond(c.created()), finish, req.stream(),
                c.searchResults(), delayMs, req.user(), req.sessionId(), call.header("User-Agent"),
                call.header("HTTP-Referer"), c.extras().cache().readTokens()));
        if (req.stream()) {
            return Responses.eventStream(ChatJson.stream(c, modifier, metadata), c.id());
        }
        return Responses.json(200, ChatJson.completion(c, choiceError ? modifier : null, metadata));
    }

    private static ResponseDefinitionBuilder delayed(ResponseDefinitionBuilder response, long delayMs) {
        return delayMs > 0 ? response.withFixedDelay((int) Math.min(delayMs, Integer.MAX_VALUE)) : response;
    }
}
