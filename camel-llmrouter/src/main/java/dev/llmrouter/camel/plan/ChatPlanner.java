package dev.llmrouter.camel.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.InvalidMessageException;
import dev.llmrouter.camel.wire.ChatMessage;
import dev.llmrouter.camel.wire.ChatRequest;
import dev.llmrouter.camel.wire.ProviderPreferences;
import dev.llmrouter.camel.wire.WireJson;

/**
 * Turns one message body plus its overrides into the {@link ChatRequest} to send. Precedence, lowest first:
 * component options, endpoint options (both already in the {@link RequestTemplate}), then per-message overrides.
 * A body that is itself a {@link ChatRequest} keeps every field it sets; the template fills only the rest.
 */
public final class ChatPlanner {

    private final RequestTemplate template;

    public ChatPlanner(RequestTemplate template) {
        this.template = template;
    }

    public RequestTemplate template() {
        return template;
    }

    /**
     * @param  body                    a String (the user message), a {@link ChatMessage}, a {@link List} of
     *                                 {@link ChatMessage} or maps with {@code role} and {@code content}, or a
     *                                 {@link ChatRequest}
     * @throws InvalidMessageException when the body is null, empty or of another type
     */
    public ChatRequest plan(Object body, Overrides overrides) {
        ChatRequest defaults = template.defaults();
        if (overrides != null && !overrides.isEmpty()) {
            defaults = applyOverrides(defaults, overrides);
        }
        String systemPrompt = overrides != null && overrides.systemPrompt() != null
                ? overrides.systemPrompt() : template.systemPrompt();
        if (body instanceof ChatRequest request) {
            if (request.messages() == null || request.messages().isEmpty()) {
                throw invalid("The ChatRequest in the body has no messages");
            }
            if (Boolean.TRUE.equals(request.stream())) {
                throw invalid("The ChatRequest in the body asks for stream=true, which this endpoint does not read:"
                              + " send it without stream");
            }
            return ExtraBody.apply(request.orElse(defaults), overrides == null ? null : overrides.extraBody());
        }
        return ExtraBody.apply(defaults.withMessages(messages(body, systemPrompt)),
                overrides == null ? null : overrides.extraBody());
    }

    private static List<ChatMessage> messages(Object body, String systemPrompt) {
        if (body == null) {
            throw invalid("The message body is null: expected the user prompt (String), a list of messages or a"
                          + " ChatRequest");
        }
        if (body instanceof CharSequence text) {
            if (text.toString().isBlank()) {
                throw invalid("The message body is empty: expected the user prompt");
            }
            ChatMessage user = ChatMessage.user(text.toString());
            return systemPrompt == null ? List.of(user) : List.of(ChatMessage.system(systemPrompt), user);
        }
        if (body instanceof ChatMessage message) {
            return withSystem(List.of(message), systemPrompt);
        }
        if (body instanceof List<?> list) {
            if (list.isEmpty()) {
                throw invalid("The message body is an empty list: expected at least one message");
            }
            List<ChatMessage> out = new ArrayList<>(list.size() + 1);
            for (int i = 0; i < list.size(); i++) {
                out.add(toMessage(list.get(i), i));
            }
            return withSystem(out, systemPrompt);
        }
        throw invalid("Unsupported message body type " + body.getClass().getName()
                      + ": expected String, ChatMessage, List of ChatMessage or Map, or ChatRequest");
    }

    private static ChatMessage toMessage(Object element, int index) {
        if (element instanceof ChatMessage m) {
            return check(m, index);
        }
        if (element instanceof Map<?, ?> map) {
            try {
                return check(WireJson.mapper().convertValue(map, ChatMessage.class), index);
            } catch (IllegalArgumentException e) {
                throw invalid("Message " + index + " of the body is not a valid message: " + e.getMessage());
            }
        }
        throw invalid("Message " + index + " of the body has unsupported type "
                      + (element == null ? "null" : element.getClass().getName())
                      + ": expected ChatMessage or Map with role and content");
    }

    private static ChatMessage check(ChatMessage m, int index) {
        if (m.role() == null || m.role().isBlank()) {
            throw invalid("Message " + index + " of the body has no role");
        }
        if (m.content() == null && m.toolCalls() == null) {
            throw invalid("Message " + index + " of the body has no content");
        }
        return m;
    }

    private static List<ChatMessage> withSystem(List<ChatMessage> messages, String systemPrompt) {
        if (systemPrompt == null || messages.stream().anyMatch(m -> "system".equals(m.role()))) {
            return messages;
        }
        List<ChatMessage> out = new ArrayList<>(messages.size() + 1);
        out.add(ChatMessage.system(systemPrompt));
        out.addAll(messages);
        return out;
    }

    private static ChatRequest applyOverrides(ChatRequest defaults, Overrides o) {
        ChatRequest.Builder b = defaults.toBuilder();
        if (o.model() != null) {
            b.model(o.model());
        }
        if (o.fallbackModels() != null) {
            b.models(o.fallbackModels().isEmpty() ? null : o.fallbackModels());
        }
        if (o.maxTokens() != null) {
            b.maxTokens(o.maxTokens());
        }
        if (o.sessionId() != null) {
            b.sessionId(o.sessionId());
        }
        if (o.maxCompletionTokens() != null) {
            b.maxCompletionTokens(o.maxCompletionTokens());
        }
        if (o.verbosity() != null) {
            b.verbosity(o.verbosity());
        }
        if (o.prediction() != null) {
            b.prediction(dev.llmrouter.camel.wire.Prediction.content(o.prediction()));
        }
        if (o.user() != null) {
            b.user(o.user());
        }
        if (o.sort() != null || o.providerOrder() != null || o.providerIgnore() != null || o.zdr() != null
            || o.maxPricePrompt() != null || o.maxPriceCompletion() != null) {
            b.provider(provider(defaults.provider(), o));
        }
        return b.build();
    }

    private static ProviderPreferences provider(ProviderPreferences base, Overrides o) {
        ProviderPreferences p = base != null ? base
                : new ProviderPreferences(null, null, null, null, null, null, null, null, null, null, null, null, null);
        if (o.sort() != null) {
            Object current = p.sort();
            p = p.withSort(current instanceof ProviderPreferences.SortConfig c
                    ? new ProviderPreferences.SortConfig(o.sort(), c.partition()) : o.sort());
        }
        if (o.providerOrder() != null) {
            p = p.withOrder(o.providerOrder());
        }
        if (o.providerIgnore() != null) {
            p = p.withIgnore(o.providerIgnore());
        }
        if (o.zdr() != null) {
            p = p.withZdr(o.zdr());
        }
        if (o.maxPricePrompt() != null || o.maxPriceCompletion() != null) {
            ProviderPreferences.MaxPrice mp = new ProviderPreferences.MaxPrice(
                    TemplateFactory.price("maxPricePrompt", o.maxPricePrompt()),
                    TemplateFactory.price("maxPriceCompletion", o.maxPriceCompletion()), null, null, null);
            p = p.withMaxPrice(mp.orElse(p.maxPrice()));
        }
        return p;
    }

    private static InvalidMessageException invalid(String message) {
        return new InvalidMessageException(ErrorInfo.of(message));
    }
}
