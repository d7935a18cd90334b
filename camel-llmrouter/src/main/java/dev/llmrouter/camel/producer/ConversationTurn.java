package dev.llmrouter.camel.producer;

import java.util.ArrayList;
import java.util.List;

import dev.llmrouter.camel.memory.ConversationStore;
import dev.llmrouter.camel.routing.ChatOutcome;
import dev.llmrouter.camel.wire.ChatMessage;
import dev.llmrouter.camel.wire.ChatResponse;

/**
 * One turn of a conversation: the new messages it sent (those after the system prompt) and, once the answer is
 * in, the messages that answer adds. Only a served answer is stored; a failed call leaves the history as it was.
 */
public final class ConversationTurn {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConversationTurn.class);

    private final ConversationStore store;
    private final String conversationId;
    private final List<ChatMessage> input;

    ConversationTurn(ConversationStore store, String conversationId, List<ChatMessage> input) {
        this.store = store;
        this.conversationId = conversationId;
        this.input = input;
    }

    public String conversationId() {
        return conversationId;
    }

    /** The messages this turn sent after the system prompt and the history. */
    public List<ChatMessage> input() {
        return input;
    }

    /**
     * The messages an answer adds to the history: the assistant message of its first choice, with its tool calls
     * and reasoning. (An agent loop hands its whole transcript here instead: assistant tool calls, tool messages,
     * final answer.)
     */
    public List<ChatMessage> answerMessages(ChatOutcome outcome) {
        ChatResponse.Choice choice = outcome == null || outcome.response() == null ? null
                : outcome.response().firstChoice();
        ChatResponse.AssistantMessage a = choice == null ? null : choice.message();
        if (a == null || a.content() == null && (a.toolCalls() == null || a.toolCalls().isEmpty())) {
            return List.of();
        }
        return List.of(new ChatMessage("assistant", a.content(), null, null,
                a.toolCalls() == null || a.toolCalls().isEmpty() ? null : a.toolCalls(), a.reasoning(),
                a.reasoningDetails() == null || a.reasoningDetails().isEmpty() ? null : a.reasoningDetails()));
    }

    /**
     * Stores the turn: its input and {@link #answerMessages}. A store failure is logged, never thrown: the answer
     * was served and paid for, and the exchange must still complete with it.
     */
    public void served(ChatOutcome outcome) {
        List<ChatMessage> answer = answerMessages(outcome);
        if (answer.isEmpty()) {
            return;
        }
        List<ChatMessage> messages = new ArrayList<>(input.size() + answer.size());
        messages.addAll(input);
        messages.addAll(answer);
        try {
            store.append(conversationId, messages);
        } catch (RuntimeException e) {
            LOG.warn("Storing turn of conversation history failed: {}", e.toString());
        }
    }
}
