package dev.llmrouter.camel.producer;

import java.util.List;

import dev.llmrouter.camel.LlmRouterConfiguration;
import dev.llmrouter.camel.LlmRouterConstants;
import dev.llmrouter.camel.cost.TokenEstimator;
import dev.llmrouter.camel.memory.ConversationHistory;
import dev.llmrouter.camel.memory.ConversationStore;
import dev.llmrouter.camel.plan.Validation;
import dev.llmrouter.camel.wire.ChatMessage;
import dev.llmrouter.camel.wire.ChatRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;

/**
 * The memory options of one chat endpoint, read once: where its conversation id comes from ({@code conversationId},
 * header {@code CamelLlmRouterConversationId}), the store, the history limits, and {@code autoCacheControl}. Per
 * exchange it turns the planned request into the one to send ({@link #prepare}), and hands back the
 * {@link ConversationTurn} to store once the answer is in.
 */
public final class ConversationMemory {

    /**
     * The token counter that trims histories, built when the first history is trimmed: an endpoint without memory
     * options never loads the tokenizer's vocabularies.
     */
    private static final class Tokens {
        static final TokenEstimator ESTIMATOR = TokenEstimator.defaults();
    }

    private final Expression conversationId;
    private final String fixedId;
    private final ConversationStore store;
    private final int maxMessages;
    private final int maxTokens;
    private final boolean autoCacheControl;
    private final boolean configured;

    private ConversationMemory(Expression conversationId, String fixedId, ConversationStore store, int maxMessages,
                               int maxTokens, boolean autoCacheControl) {
        this.conversationId = conversationId;
        this.fixedId = fixedId;
        this.store = store;
        this.maxMessages = maxMessages;
        this.maxTokens = maxTokens;
        this.autoCacheControl = autoCacheControl;
        this.configured = conversationId != null || fixedId != null || autoCacheControl;
    }

    /**
     * Checks the memory options when the endpoint is created.
     *
     * @throws IllegalArgumentException naming the option whose value is not valid
     */
    public static void validate(LlmRouterConfiguration c) {
        Validation.atLeast("maxHistoryMessages", c.getMaxHistoryMessages(), 1);
        Validation.atLeast("maxHistoryTokens", c.getMaxHistoryTokens(), 1);
    }

    /**
     * The endpoint's memory, built when it starts.
     *
     * @param fallback the component's in-memory store, used when option conversationStore is not set
     * @throws IllegalArgumentException when conversationId is not a valid simple expression
     */
    public static ConversationMemory create(LlmRouterConfiguration c, CamelContext context, ConversationStore fallback) {
        String id = c.getConversationId() == null || c.getConversationId().isBlank() ? null
                : c.getConversationId().trim();
        Expression expression = null;
        String fixed = null;
        if (id != null && (id.contains("${") || id.contains("$simple{"))) {
            try {
                expression = context.resolveLanguage("simple").createExpression(id);
                expression.init(context);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Invalid value '" + id + "' for conversationId: not a valid simple"
                                                   + " expression (" + e.getMessage() + ")", e);
            }
        } else {
            fixed = id;
        }
        ConversationStore store = c.getConversationStore() != null ? c.getConversationStore() : fallback;
        return new ConversationMemory(expression, fixed, store,
                c.getMaxHistoryMessages() == null ? 0 : c.getMaxHistoryMessages(),
                c.getMaxHistoryTokens() == null ? 0 : c.getMaxHistoryTokens(), c.isAutoCacheControl());
    }

    /** When the endpoint starts: the store starts (a JDBC store creates its table, once). */
    public void start() {
        store.start();
    }

    /** When the endpoint stops: the store writes out the turns it has queued (waiting at most 10 seconds). */
    public void stop() {
        store.flush(java.time.Duration.ofSeconds(10));
    }

    /**
     * Whether {@link #prepare} can change anything for this exchange: the endpoint has option conversationId or
     * autoCacheControl, or the exchange has header {@code CamelLlmRouterConversationId}. When false the planned
     * request is sent as it is and there is no turn to store.
     */
    public boolean appliesTo(Exchange exchange) {
        return configured || LlmRouterBinding.conversationId(exchange.getMessage()) != null;
    }

    /**
     * The request to send for a planned one: with a conversation, its (trimmed) history after the system prompt and
     * a session id derived from the conversation id unless one is set; with autoCacheControl on an Anthropic model,
     * the cache breakpoints on the system prompt and the last tool. The returned turn is stored after the answer;
     * it is null without a conversation.
     */
    public Prepared prepare(Exchange exchange, ChatRequest planned) {
        String id = conversationId(exchange);
        ChatRequest request = planned;
        ConversationTurn turn = null;
        int historyLast = -1;
        if (id != null && planned.messages() != null) {
            if (id.length() > ConversationStore.MAX_ID_LENGTH) {
                throw new IllegalArgumentException("The conversation id must be at most "
                                                   + ConversationStore.MAX_ID_LENGTH + " characters but has "
                                                   + id.length());
            }
            String model = planned.model();
            List<ChatMessage> history = ConversationHistory.trim(store.load(id), maxMessages, maxTokens,
                    m -> Tokens.ESTIMATOR.rawCount(model, List.of(m)) - TokenEstimator.DEFAULT_REPLY_PRIMING);
            turn = new ConversationTurn(store, id, ConversationHistory.newInput(planned.messages()));
            ChatRequest.Builder b = planned.toBuilder()
                    .messages(ConversationHistory.withHistory(planned.messages(), history));
            if (planned.sessionId() == null) {
                b.sessionId(ConversationHistory.sessionId(id));
            }
            request = b.build();
            historyLast = history.isEmpty() ? -1
                    : ConversationHistory.leadingSystem(planned.messages()) + history.size() - 1;
            LlmRouterBinding.set(exchange.getMessage(), LlmRouterConstants.HISTORY_MESSAGES, history.size());
        }
        if (autoCacheControl && ConversationHistory.takesBreakpoints(request.model())) {
            request = ConversationHistory.withBreakpoints(request, historyLast);
        }
        return new Prepared(request, turn);
    }

    /** The exchange's conversation id: the header, else the option (evaluated); null for none. */
    private String conversationId(Exchange exchange) {
        String header = LlmRouterBinding.conversationId(exchange.getMessage());
        if (header != null) {
            return header;
        }
        if (conversationId != null) {
            String v = conversationId.evaluate(exchange, String.class);
            return v == null || v.isBlank() ? null : v.trim();
        }
        return fixedId;
    }

    /** The request to send, and the turn to store after its answer (null without a conversation). */
    public record Prepared(ChatRequest request, ConversationTurn turn) {
    }
}
