package dev.llmrouter.camel.producer;

import java.util.ArrayList;
import java.util.List;

import dev.llmrouter.camel.memory.ConversationStore;
import dev.llmrouter.camel.routing.ChatOutcome;
import dev.llmrouter.camel.routing.ChatStream;
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

    /**
     * The messages an answer adds to the history: the assistant message of its first choice, with its tool calls
     * and reasoning. (An agent loop hands its whole transcript here instead: assistant tool calls, tool messages,
     * final answer.)
     */
    public List<ChatMessage> answerMessages(ChatOutcome outcome) {
        ChatResponse.Choice choice = outcome == null || outcome.response() == null ? null
                : outcome.response().firstChoice();
        ChatResponse.AssistantMessage a = choice == null ? null : choice.message();
        return a == null ? List.of() : assistant(a, a.content());
    }

    /** The assistant message of an answer whose text is {@code text}; none when it has neither text nor tool calls. */
    private static List<ChatMessage> assistant(ChatResponse.AssistantMessage a, String text) {
        boolean calls = a.toolCalls() != null && !a.toolCalls().isEmpty();
        if (text == null && !calls) {
            return List.of();
        }
        return List.of(new ChatMessage("assistant", text, null, null, calls ? a.toolCalls() : null, a.reasoning(),
                a.reasoningDetails() == null || a.reasoningDetails().isEmpty() ? null : a.reasoningDetails()));
    }

    /**
     * A streamed answer has ended: when it ended with {@code [DONE]} and no failure, the turn is stored with the
     * text the stream delivered (and the tool calls and reasoning merged from its chunks); otherwise nothing is.
     */
    public void streamEnded(ChatStream stream, Throwable failure) {
        if (failure != null || !stream.isComplete() || stream.response() == null) {
            return;
        }
        ChatResponse.Choice choice = stream.response().firstChoice();
        if (choice == null || choice.message() == null) {
            return;
        }
        String text = stream.text() == null || stream.text().isEmpty() ? choice.message().content() : stream.text();
        store(assistant(choice.message(), text));
    }

    /**
     * Stores the turn: its input and {@link #answerMessages}. A store failure is logged, never thrown: the answer
     * was served and paid for, and the exchange must still complete with it.
     */
    public void served(ChatOutcome outcome) {
        store(answerMessages(outcome));
    }

    /**
     * An agent loop has answered: the turn is stored with the loop's transcript (each assistant message with its
     * tool calls, each tool message, the final answer), so the next turn sees what the tools said.
     */
    public void loopEnded(List<ChatMessage> transcript) {
        store(transcript);
    }

    private void store(List<ChatMessage> answer) {
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
