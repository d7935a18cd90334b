package dev.llmrouter.camel.producer;

import dev.llmrouter.camel.plan.RequestTemplate;
import dev.llmrouter.camel.routing.ChatOutcome;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;

/**
 * Completes a non-streaming chat exchange: the binding maps the answer onto the message, the call is booked at its
 * real cost (also when the answer could not become the body: it was paid for), and the exchange completes.
 */
public final class ChatCompletion extends ExchangeCompletion<ChatOutcome> {

    private final Bookkeeper.Entry entry;
    private final ConversationTurn turn;

    public ChatCompletion(Exchange exchange, AsyncCallback callback, Bookkeeper.Entry entry,
                          RequestTemplate template) {
        this(exchange, callback, entry, template, null);
    }

    /** @param turn the conversation turn to store once the answer is applied, or null without a conversation */
    public ChatCompletion(Exchange exchange, AsyncCallback callback, Bookkeeper.Entry entry,
                          RequestTemplate template, ConversationTurn turn) {
        super(exchange, callback, entry,
                outcome -> LlmRouterBinding.writeAnswer(exchange.getMessage(), outcome, template));
        this.entry = entry;
        this.turn = turn;
    }

    @Override
    protected void served(ChatOutcome outcome, Throwable unusable) {
        try {
            entry.served(outcome, unusable);
        } finally {
            if (turn != null && unusable == null) {
                turn.served(outcome);
            }
        }
    }
}
