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

    /** What a chat body may be, as error messages say it. */
    public static final String ACCEPTED_BODIES = "a String or other CharSequence (the user prompt), a single"
            + " ChatMessage, a Map with role and content (one message), a List of ChatMessage or of such maps,"
            + " a ChatRequest, or a byte[], File, Path, Camel file or InputStream (attached by its media type)";

    private final RequestTemplate template;
    private final String userMessage;
    private final boolean narrow;

    public ChatPlanner(RequestTemplate template) {
        this(template, null);
    }

    /**
     * A planner with which a message overrides any option ({@code headerPolicy=override}).
     *
     * @param template    the endpoint's request template
     * @param userMessage option {@code userMessage}: the prompt sent before a text, file or bytes body, or null
     */
    public ChatPlanner(RequestTemplate template, String userMessage) {
        this(template, userMessage, false);
    }

    /**
     * @param template    the endpoint's request template
     * @param userMessage option {@code userMessage}: the prompt sent before a text, file or bytes body, or null
     * @param narrow      option {@code headerPolicy=narrow}: policy headers and policy fields of a ChatRequest body
     *                    may only make the call stricter than the template ({@link PolicyNarrowing})
     */
    public ChatPlanner(RequestTemplate template, String userMessage, boolean narrow) {
        this.template = template;
        this.userMessage = userMessage == null || userMessage.isBlank() ? null : userMessage;
        this.narrow = narrow;
    }

    public RequestTemplate template() {
        return template;
    }

    /**
     * @param  body                    a String (the user message), an {@link Attachment} (a file or bytes, attached
     *                                 by media type), a {@link ChatMessage}, a {@link Map} with {@code role} and
     *                                 {@code content} (one message), a {@link List} of {@link ChatMessage} or such
     *                                 maps, or a {@link ChatRequest}
     * @throws InvalidMessageException when the body is null, empty or of another type, or when a prompt
     *                                 ({@code userMessage}) comes with a body that already holds messages
     * @throws dev.llmrouter.camel.error.PolicyViolationException with {@code narrow}, when a header or a field of
     *                                 a ChatRequest body would loosen the endpoint's policy
     */
    public ChatRequest plan(Object body, Overrides overrides) {
        ChatRequest defaults = template.defaults();
        if (narrow) {
            if (overrides != null && !overrides.isEmpty()) {
                PolicyNarrowing.checkHeaders(defaults, overrides);
            }
            if (body instanceof ChatRequest request) {
                PolicyNarrowing.checkBody(defaults, request);
            }
        }
        if (overrides != null && !overrides.isEmpty()) {
            defaults = applyOverrides(defaults, overrides);
        }
        String systemPrompt = overrides != null && overrides.systemPrompt() != null
                ? overrides.systemPrompt() : template.systemPrompt();
        String prompt = overrides != null && overrides.userMessage() != null ? overrides.userMessage() : userMessage;
        if (body instanceof ChatRequest request) {
            noPrompt(prompt, body);
            if (request.messages() == null || request.messages().isEmpty()) {
                throw invalid("The ChatRequest in the body has no messages");
            }
            if (Boolean.TRUE.equals(request.stream())) {
                throw invalid("The ChatRequest in the body asks for stream=true, which this endpoint does not read:"
                              + " send it without stream");
            }
            return ExtraBody.apply(request.orElse(defaults), overrides == null ? null : overrides.extraBody());
        }
        return ExtraBody.apply(defaults.withMessages(messages(body, systemPrompt, prompt)),
                overrides == null ? null : overrides.extraBody());
    }

    private static List<ChatMessage> messages(Object body, String systemPrompt, String prompt) {
        if (body == null) {
            throw invalid("The message body is null: expected " + ACCEPTED_BODIES);
        }
        if (body instanceof CharSequence text) {
            return withSystem(List.of(Attachments.textMessage(text.toString(), prompt)), systemPrompt);
        }
        if (body instanceof Attachment attachment) {
            return withSystem(List.of(Attachments.userMessage(attachment, prompt)), systemPrompt);
        }
        noPrompt(prompt, body);
        if (body instanceof ChatMessage message) {
            return withSystem(List.of(message), systemPrompt);
        }
        if (body instanceof Map<?, ?> map) {
            if (map.containsKey("messages") && !map.containsKey("role")) {
                throw invalid("The Map body is read as one message with role and content, but it holds messages:"
                              + " for a whole request, send a ChatRequest (e.g. unmarshal the JSON to"
                              + " dev.llmrouter.camel.wire.ChatRequest)");
            }
            return withSystem(List.of(toMessage(map, -1)), systemPrompt);
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
        throw invalid("Unsupported message body type " + body.getClass().getName() + ": expected " + ACCEPTED_BODIES
                      + ". Convert other bodies first, e.g. .convertBodyTo(String.class) or .marshal().json()");
    }

    /** A prompt goes with a text or file body only: a body of messages carries its own. */
    private static void noPrompt(String prompt, Object body) {
        if (prompt != null) {
            throw invalid("Option userMessage (or header CamelLlmRouterUserMessage) is the prompt for a String,"
                          + " text or file body, but the body is a " + body.getClass().getSimpleName()
                          + " that carries its own messages: put the prompt into the messages, or remove userMessage");
        }
    }

    /** @param index the message's place in a list body, or -1 for a single Map body */
    private static ChatMessage toMessage(Object element, int index) {
        if (element instanceof ChatMessage m) {
            return check(m, index);
        }
        if (element instanceof Map<?, ?> map) {
            try {
                return check(WireJson.mapper().convertValue(map, ChatMessage.class), index);
            } catch (IllegalArgumentException e) {
                throw invalid(which(index) + " is not a valid message: " + e.getMessage());
            }
        }
        throw invalid("Message " + index + " of the body has unsupported type "
                      + (element == null ? "null" : element.getClass().getName())
                      + ": expected ChatMessage or Map with role and content");
    }

    private static ChatMessage check(ChatMessage m, int index) {
        if (m.role() == null || m.role().isBlank()) {
            throw invalid(which(index) + " has no role" + (index < 0
                    ? ": a Map body is one message with role (system, user, assistant or tool) and content" : ""));
        }
        if (m.content() == null && m.toolCalls() == null) {
            throw invalid(which(index) + " has no content");
        }
        return m;
    }

    private static String which(int index) {
        return index < 0 ? "The Map body" : "Message " + index + " of the body";
    }

    private static List<ChatMessage> withSystem(List<ChatMessage> messages, String systemPrompt) {
        if (systemPrompt == null) {
            return messages;
        }
        for (int i = 0; i < messages.size(); i++) {
            if ("system".equals(messages.get(i).role())) {
                return messages;
            }
        }
        if (messages.size() == 1) {
            return List.of(ChatMessage.system(systemPrompt), messages.get(0));
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
            || o.maxPricePrompt() != null || o.maxPriceCompletion() != null || o.dataCollection() != null
            || o.providerOnly() != null || o.maxPriceRequest() != null || o.maxPriceImage() != null) {
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
        if (o.dataCollection() != null) {
            p = p.withDataCollection(o.dataCollection());
        }
        if (o.providerOnly() != null) {
            p = p.withOnly(o.providerOnly().isEmpty() ? null : o.providerOnly());
        }
        if (o.maxPricePrompt() != null || o.maxPriceCompletion() != null || o.maxPriceRequest() != null
            || o.maxPriceImage() != null) {
            ProviderPreferences.MaxPrice mp = new ProviderPreferences.MaxPrice(
                    TemplateFactory.price("maxPricePrompt", o.maxPricePrompt()),
                    TemplateFactory.price("maxPriceCompletion", o.maxPriceCompletion()),
                    TemplateFactory.price("maxPriceRequest", o.maxPriceRequest()),
                    TemplateFactory.price("maxPriceImage", o.maxPriceImage()), null);
            p = p.withMaxPrice(mp.orElse(p.maxPrice()));
        }
        return p;
    }

    private static InvalidMessageException invalid(String message) {
        return new InvalidMessageException(ErrorInfo.of(message));
    }
}
