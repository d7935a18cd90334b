package dev.llmrouter.camel.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.Future;

import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.client5.http.async.AsyncExecRuntime;
import org.apache.hc.client5.http.protocol.HttpClientContext;

/**
 * Aborts one exchange for certain and frees its connection. Cancelling HttpClient's future is not enough in 5.5:
 * the exec chain can leave a stale step (the pool lease) as the future's dependency, so that the cancel reaches
 * nothing and the exchange runs on, holding its connection; on a reused keep-alive connection this happens every
 * time. So the {@link #INTERCEPTOR}, placed just before the main transport, hands each exchange's exec runtime to
 * its abort (found in the context), and an abort discards the runtime's endpoint, which closes the connection and
 * fails the exchange. An abort that comes before the runtime is known stops the exchange when it gets there.
 */
final class ExchangeAbort implements Runnable {

    /** Hands the exec runtime of an exchange that has an abort over to it; others pass through untouched. */
    static final AsyncExecChainHandler INTERCEPTOR = (request, entityProducer, scope, chain, callback) -> {
        if (scope.clientContext instanceof AbortContext context && !context.abort.attach(scope.execRuntime)) {
            callback.failed(new InterruptedIOException("The exchange was cancelled"));
            return;
        }
        try {
            chain.proceed(request, entityProducer, scope, callback);
        } catch (RuntimeException e) {
            // e.g. the endpoint was discarded by an abort at this very moment
            callback.failed(new IOException(e.getMessage(), e));
        }
    };

    private volatile boolean requested;
    private volatile Future<?> future;
    private volatile AsyncExecRuntime runtime;

    /**
     * A context that carries this abort to the {@link #INTERCEPTOR}: in a field of its own, so that the exchange
     * needs no attribute map for it.
     */
    HttpClientContext context() {
        return new AbortContext(this);
    }

    /** HttpClient's context of one exchange, with the exchange's abort. */
    private static final class AbortContext extends HttpClientContext {
        final ExchangeAbort abort;

        AbortContext(ExchangeAbort abort) {
            this.abort = abort;
        }
    }

    /** Keeps the future of the exchange; cancels it at once if the abort came first. */
    void attach(Future<?> f) {
        future = f;
        if (requested) {
            f.cancel(true);
        }
    }

    /** Keeps the exec runtime; false (and the exchange must not go on) if the abort came first. */
    private boolean attach(AsyncExecRuntime r) {
        runtime = r;
        if (requested) {
            r.discardEndpoint();
            return false;
        }
        return true;
    }

    /** Aborts the exchange; harmless when it is over or already aborted. */
    @Override
    public void run() {
        requested = true;
        AsyncExecRuntime r = runtime;
        if (r != null) {
            r.discardEndpoint(); // closes the connection; does nothing once the endpoint went back to the pool
        }
        Future<?> f = future;
        if (f != null) {
            f.cancel(true);
        }
    }
}
