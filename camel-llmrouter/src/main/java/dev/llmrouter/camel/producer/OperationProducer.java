package dev.llmrouter.camel.producer;

import dev.llmrouter.camel.LlmRouterEndpoint;
import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.InvalidMessageException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * What the producers of all operations share: the calling thread only starts the call and returns {@code false};
 * the exchange completes later on the completion executor (through {@link ExchangeCompletion}). A failure before
 * anything was sent (an invalid message, a refused budget) completes the exchange at once, on the calling thread,
 * with the message left as it was.
 */
public abstract class OperationProducer extends DefaultAsyncProducer {

    protected final LlmRouterEndpoint endpoint;

    protected OperationProducer(LlmRouterEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public final boolean process(Exchange exchange, AsyncCallback callback) {
        Idempotency once = endpoint.idempotency();
        if (once != null) {
            // a keyed message: the whole operation runs only when its key has no answer and none is in flight
            return once.process(exchange, callback, this::run);
        }
        return run(exchange, callback);
    }

    private boolean run(Exchange exchange, AsyncCallback callback) {
        try {
            start(exchange, callback);
            return false;
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }

    /**
     * Starts the call; it must complete the exchange exactly once, later, through {@code callback}. Throws when
     * nothing was sent.
     */
    protected abstract void start(Exchange exchange, AsyncCallback callback);

    /** A message the operation cannot send. */
    protected static InvalidMessageException invalid(String text) {
        return new InvalidMessageException(ErrorInfo.of(text));
    }
}
