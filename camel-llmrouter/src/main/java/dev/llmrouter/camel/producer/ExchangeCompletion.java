package dev.llmrouter.camel.producer;

import java.util.function.Consumer;

import dev.llmrouter.camel.protocol.ResultCallback;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;

/**
 * How an llmrouter exchange completes once its call is over, for every operation: a result is applied to the
 * message, or the failure is written by {@link LlmRouterBinding#writeFailure} and the booking (when the call was
 * booked) is closed; either way the exchange completes exactly once, on the completion thread that delivered the
 * result. (camel-kafka's {@code producer/support/KafkaProducerCallBack} plays this role there.)
 */
public class ExchangeCompletion<T> implements ResultCallback<T> {

    protected final Exchange exchange;
    protected final AsyncCallback callback;
    private final Bookkeeper.Entry entry;
    private final Consumer<T> onResult;

    /**
     * @param entry    the booking the call was admitted with, or null for a call that is not booked
     * @param onResult applies a result to the message
     */
    protected ExchangeCompletion(Exchange exchange, AsyncCallback callback, Bookkeeper.Entry entry,
                                 Consumer<T> onResult) {
        this.exchange = exchange;
        this.callback = callback;
        this.entry = entry;
        this.onResult = onResult;
    }

    /** Completes the exchange with what {@code onResult} makes of the result; a throw from it fails the exchange. */
    public static <T> ExchangeCompletion<T> applying(Exchange exchange, AsyncCallback callback, Consumer<T> onResult) {
        return new ExchangeCompletion<>(exchange, callback, null, onResult);
    }

    @Override
    public void onSuccess(T result) {
        Throwable unusable = null;
        try {
            onResult.accept(result);
        } catch (Throwable e) {
            exchange.setException(e);
            unusable = e;
        }
        try {
            served(result, unusable);
        } finally {
            callback.done(false);
        }
    }

    /**
     * Books a served call; {@code unusable} is the failure of applying the result (the call was still paid for).
     * Nothing to book by default.
     */
    protected void served(T result, Throwable unusable) {
    }

    @Override
    public void onFailure(RuntimeException failure) {
        fail(exchange, callback, entry, failure);
    }

    /**
     * The one failure path: writes the failure onto the exchange, closes the booking (null when nothing was booked)
     * so that no reservation stays held, and completes the exchange even when closing the booking throws.
     */
    public static void fail(Exchange exchange, AsyncCallback callback, Bookkeeper.Entry entry,
                            RuntimeException failure) {
        LlmRouterBinding.writeFailure(exchange, failure);
        try {
            if (entry != null) {
                entry.failed(failure);
            }
        } finally {
            callback.done(false);
        }
    }
}
