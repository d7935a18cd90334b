package dev.llmrouter.camel.transport;

import dev.llmrouter.camel.error.ConnectionFailedException;
import dev.llmrouter.camel.error.ErrorInfo;

/** The transport of a stopped component: every call fails at once, on the caller's thread. */
public final class ClosedTransport implements Transport {

    @Override
    public Cancellable send(HttpCall call, Callback callback) {
        callback.onFailure(refused(call));
        return Cancellable.NONE;
    }

    @Override
    public Cancellable stream(HttpCall call, StreamListener listener) {
        listener.onFailure(refused(call));
        return Cancellable.NONE;
    }

    private static ConnectionFailedException refused(HttpCall call) {
        return new ConnectionFailedException(ErrorInfo.of("The llmrouter component is stopped; " + call + " not sent"));
    }

    @Override
    public void close() {
        // nothing to close
    }
}
