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

    public ChatCompletion(Exchange exchange, AsyncCallback callback, Bookkeeper.Entry entry,
                          RequestTemplate template) {
        super(exchange, callback, entry,
                outcome -> LlmRouterBinding.writeAnswer(exchange.getMessage(), outcome, template));
        this.entry = entry;
    }

    @Override
    protected void served(ChatOutcome outcome, Throwable unusable) {
        entry.served(outcome, unusable);
    }
}
