package dev.llmrouter.camel.producer;

import java.util.concurrent.atomic.AtomicInteger;

import dev.llmrouter.camel.LlmRouterConstants;
import dev.llmrouter.camel.LlmRouterEndpoint;
import dev.llmrouter.camel.error.ConnectionFailedException;
import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.protocol.ResultCallback;
import dev.llmrouter.camel.routing.ChatStream;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Hands a committed stream to the route. Without {@code streamTo}, the stream becomes the body and the exchange
 * continues on a stream-reader thread (a route that iterates waits for each delta, which must not hold up a
 * completion thread); the usage and other answer headers are set when the stream has been read to its end, and the
 * stream is closed when the exchange completes (a stream nothing had read then throws when iterated later). With {@code streamTo}, each delta is sent there as its own exchange, in order, and
 * the exchange continues once the stream has ended, with the whole text as its body.
 */
public final class StreamDelivery implements ResultCallback<ChatStream> {

    private final LlmRouterEndpoint endpoint;
    private final Exchange exchange;
    private final AsyncCallback callback;
    private final Bookkeeper.Entry entry;
    private final ConversationTurn turn;

    public StreamDelivery(LlmRouterEndpoint endpoint, Exchange exchange, AsyncCallback callback, Bookkeeper.Entry entry) {
        this(endpoint, exchange, callback, entry, null);
    }

    /** @param turn the conversation turn to store when the stream has ended, or null without a conversation */
    public StreamDelivery(LlmRouterEndpoint endpoint, Exchange exchange, AsyncCallback callback, Bookkeeper.Entry entry,
                          ConversationTurn turn) {
        this.endpoint = endpoint;
        this.exchange = exchange;
        this.callback = callback;
        this.entry = entry;
        this.turn = turn;
    }

    @Override
    public void onSuccess(ChatStream stream) {
        Message message = exchange.getMessage();
        LlmRouterBinding.streamStarted(message, stream);
        AsyncProducer streamTo = endpoint.streamTo();
        if (streamTo == null) {
            stream.onEnd((s, failure) -> {
                LlmRouterBinding.streamEnded(message, s);
                entry.streamEnded(s, failure);
                remember(s, failure);
            });
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    stream.close();
                }
            });
            message.setBody(stream);
            try {
                endpoint.getComponent().runtime().streamReaders().execute(() -> callback.done(false));
            } catch (RuntimeException e) {
                // the component is stopping: complete here rather than strand the exchange
                callback.done(false);
            }
            return;
        }
        AtomicInteger index = new AtomicInteger();
        stream.onEnd((s, failure) -> {
            try {
                entry.streamEnded(s, failure);
                if (exchange.getException() == null) {
                    remember(s, failure);
                }
                if (exchange.getException() != null) {
                    // the receiver failed; the exchange keeps its original body
                } else if (failure != null) {
                    LlmRouterBinding.writeFailure(exchange, failure);
                } else if (!s.isComplete()) {
                    // closed before [DONE] (e.g. the component stopped): never a silent half answer
                    LlmRouterBinding.writeFailure(exchange, new ConnectionFailedException(ErrorInfo.of(
                            "The stream was closed before it ended; " + s.text().length() + " characters had arrived")));
                } else {
                    LlmRouterBinding.streamEnded(message, s);
                    message.setBody(s.text());
                }
            } finally {
                callback.done(false);
            }
        });
        stream.deliverTo(endpoint.getComponent().runtime().completion(),
                delta -> deliver(streamTo, stream, index, delta, false),
                () -> deliver(streamTo, stream, index, "", true));
    }

    /** Stores the conversation turn of a stream that ended whole; never throws. */
    private void remember(ChatStream s, LlmRouterException failure) {
        if (turn != null) {
            try {
                turn.streamEnded(s, failure);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(StreamDelivery.class)
                        .warn("Storing a streamed turn of conversation history failed: {}", e.toString());
            }
        }
    }

    /** Sends one delta (or, with {@code restart}, the empty delta that says the answer starts over) to streamTo. */
    private void deliver(AsyncProducer streamTo, ChatStream stream, AtomicInteger index, String delta,
                         boolean restart) {
        Exchange part = new DefaultExchange(endpoint.getCamelContext());
        part.getMessage().setBody(delta);
        LlmRouterBinding.writeStreamPart(part.getMessage(), index.getAndIncrement(), stream.generationId(), restart);
        try {
            streamTo.process(part);
        } catch (Exception e) {
            part.setException(e);
        }
        if (part.getException() != null) {
            // the receiver failed: stop reading and fail the original exchange with its exception
            exchange.setException(part.getException());
            throw new IllegalStateException(part.getException());
        }
    }

    @Override
    public void onFailure(RuntimeException failure) {
        ExchangeCompletion.fail(exchange, callback, entry, failure);
    }
}
