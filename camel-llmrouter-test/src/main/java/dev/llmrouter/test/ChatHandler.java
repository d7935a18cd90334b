package dev.llmrouter.test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
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
        ResponseDefinitionBuilder lastError = null;
        for (String requested : candidates) {
            ModelSlug slug = ModelSlug.parse(requested);
            EmulatorModel model = state.catalog.model(slug.id()).orElse(null);
            if (model == null) {
                lastError = Responses.error(400, requested + " is not a valid model ID",
                        Map.of("code", "model_not_found", "model", requested));
                continue;
            }
            EmulatorFault modifier = null;
            EmulatorFault modelFault = state.claimModelFault(requested, model.id(), req.stream());
            if (modelFault != null) {
                delayMs += modelFault.delay().toMillis();
                if (modelFault.isFailure()) {
                    lastError = Responses.failure(modelFault);
                    continue;
                }
                modifier = modelFault;
            }
            List<EmulatorProvider> providers = ProviderRouter.route(model, req.provider(), slug);
            if (providers.isEmpty()) {
                lastError = Responses.error(404, NO_ENDPOINTS, Map.of("model", model.id()));
                continue;
            }
            for (EmulatorProvider provider : providers) {
                EmulatorFault providerFault = state.claimProviderFault(provider, req.stream());
                if (providerFault != null) {
                    delayMs += providerFault.delay().toMillis();
                    if (providerFault.isFailure()) {
                        lastError = Responses.failure(providerFault);
                        continue;
                    }
                    modifier = modifier == null || modifier.kind() == EmulatorFault.Kind.DELAY_ONLY
                            ? providerFault : modifier;
                }
                return delayed(answer(req, slug, model, provider, modifier, delayMs), delayMs);
            }
        }
        return delayed(lastError, delayMs);
    }

    private ResponseDefinitionBuilder answer(ChatRequest req, ModelSlug slug, EmulatorModel model,
            EmulatorProvider provider, EmulatorFault modifier, long delayMs) {
        EmulatorFault.Kind kind = modifier == null ? null : modifier.kind();
        boolean choiceError = kind == EmulatorFault.Kind.CHOICE_ERROR;
        ChatCompletion c = composer.compose(req, slug, model, provider, choiceError);
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
                call.header("HTTP-Referer")));
        if (req.stream()) {
            return Responses.eventStream(ChatJson.stream(c, modifier), c.id());
        }
        return Responses.json(200, ChatJson.completion(c, choiceError ? modifier : null));
    }

    private static ResponseDefinitionBuilder delayed(ResponseDefinitionBuilder response, long delayMs) {
        return delayMs > 0 ? response.withFixedDelay((int) Math.min(delayMs, Integer.MAX_VALUE)) : response;
    }
}
