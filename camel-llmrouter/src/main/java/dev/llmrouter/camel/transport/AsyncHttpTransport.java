package dev.llmrouter.camel.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLException;

import dev.llmrouter.camel.error.ConnectionFailedException;
import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.error.RequestTimeoutException;
import dev.llmrouter.camel.error.ResponseTooLargeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.concurrent.DefaultThreadFactory;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The transport on Apache HttpClient 5 async: a small I/O reactor (one thread per CPU by default) multiplexes
 * every connection, so calls in flight cost no thread. Answers are read fully on the reactor, then the callback
 * is handed to the completion executor so that route processing never runs on (and stalls) an I/O thread.
 * Streams are the exception: their events go to the (fast, non-blocking) listener straight from the reactor.
 * Every answer is bounded by the call's {@link HttpCall#maxResponseSize()}: a body, or all the bytes of a stream,
 * beyond it fails the call with a {@link ResponseTooLargeException} (reading stops there).
 */
public final class AsyncHttpTransport implements Transport {

    private final CloseableHttpAsyncClient client;
    private final PoolingAsyncClientConnectionManager pool;
    private final Executor completion;
    private final Duration defaultResponseTimeout;
    private final Map<List<Duration>, RequestConfig> requestConfigs = new ConcurrentHashMap<>();
    /** The config last looked up, with the Duration instances it was looked up for. */
    private volatile LastConfig lastConfig;
    private volatile boolean closed;

    public AsyncHttpTransport(HttpSettings settings, Executor completion) {
        this.completion = completion;
        this.defaultResponseTimeout = settings.responseTimeout();
        ClientTlsStrategyBuilder tls = ClientTlsStrategyBuilder.create();
        if (settings.sslContext() != null) {
            tls.setSslContext(settings.sslContext());
        } else {
            tls.useSystemProperties();
        }
        this.pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(settings.maxConnections())
                .setTlsStrategy(tls.buildAsync())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        // servers close idle keep-alive connections; check a connection that sat idle before use
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .build();
        IOReactorConfig.Builder io = IOReactorConfig.custom().setTcpNoDelay(true)
                // timeouts are checked once per select round: 100 ms keeps a short requestTimeout close to its value
                .setSelectInterval(TimeValue.ofMilliseconds(100));
        if (settings.ioThreads() > 0) {
            io.setIoThreadCount(settings.ioThreads());
        }
        var builder = HttpAsyncClients.custom()
                .setConnectionManager(pool)
                .setIOReactorConfig(io.build())
                .setThreadFactory(new DefaultThreadFactory("llmrouter-io", true))
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.responseTimeout()))
                        .build())
                .evictExpiredConnections()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableRedirectHandling()
                // lets a stream's cancel reach its connection for certain (see ExchangeAbort)
                .addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), "llmrouter-abort",
                        ExchangeAbort.INTERCEPTOR);
        if (settings.proxyHost() != null && !settings.proxyHost().isBlank()) {
            builder.setProxy(new HttpHost(settings.proxyHost(), settings.proxyPort()));
        }
        this.client = builder.build();
        this.client.start();
    }

    @Override
    public Cancellable send(HttpCall call, Callback callback) {
        if (closed) {
            // nothing would ever answer: fail now, on the caller's thread
            callback.onFailure(new ConnectionFailedException(
                    ErrorInfo.of("The HTTP client is closed (the llmrouter component was stopped); " + call + " not sent")));
            return Cancellable.NONE;
        }
        // built directly, not through SimpleRequestBuilder (which copies its headers into the request once more)
        SimpleHttpRequest request = new SimpleHttpRequest(call.method(), call.uri());
        request.setHeaders(headers(call.headers()));
        if (call.body() != null) {
            request.setBody(call.body(), ContentType.APPLICATION_JSON);
        }
        RequestConfig config = requestConfig(call);
        if (config != null) {
            request.setConfig(config);
        }
        ExchangeAbort abort = new ExchangeAbort();
        try {
            abort.attach(client.execute(SimpleRequestProducer.create(request),
                    new LimitedResponseConsumer(call.maxResponseSize(), callback::onHead),
                    abort.context(),
                    new FutureCallback<>() {
                        @Override
                        public void completed(HttpReply reply) {
                            dispatch(() -> callback.onReply(reply), callback);
                        }

                        @Override
                        public void failed(Exception ex) {
                            LlmRouterException failure = mapFailure(call, ex);
                            dispatch(() -> callback.onFailure(failure), callback);
                        }

                        @Override
                        public void cancelled() {
                            LlmRouterException failure = new ConnectionFailedException(
                                    ErrorInfo.of("The HTTP call " + call + " was cancelled"));
                            dispatch(() -> callback.onFailure(failure), callback);
                        }
                    }));
            // abort, not future.cancel: in HttpClient 5.5 a cancelled future may not reach its exchange
            return abort::run;
        } catch (RuntimeException e) {
            // e.g. the client was shut down: report it like any failure, on the completion executor
            LlmRouterException failure = mapFailure(call, e);
            dispatch(() -> callback.onFailure(failure), callback);
            return Cancellable.NONE;
        }
    }

    /**
     * Sends a streaming call. The answer is read on the I/O thread as it arrives and the listener is called there
     * (never on the completion executor), one signal at a time; a cancel delivers its failure on the cancelling
     * thread unless the I/O thread is delivering at that moment. The response timeout is an inactivity timeout:
     * any bytes, keep-alive comments included, restart it.
     */
    @Override
    public Cancellable stream(HttpCall call, StreamListener listener) {
        ExchangeAbort abort = new ExchangeAbort();
        StreamSignals signals = new StreamSignals(listener, call, abort);
        if (closed) {
            signals.fail(new ConnectionFailedException(
                    ErrorInfo.of("The HTTP client is closed (the llmrouter component was stopped); " + call + " not sent")));
            return Cancellable.NONE;
        }
        SimpleRequestBuilder rb = SimpleRequestBuilder.create(call.method()).setUri(call.uri());
        call.headers().forEach((name, value) -> {
            if (!"accept".equalsIgnoreCase(name)) {
                rb.addHeader(name, value);
            }
        });
        rb.addHeader("Accept", "text/event-stream");
        if (call.body() != null) {
            rb.setBody(call.body(), ContentType.APPLICATION_JSON);
        }
        RequestConfig config = requestConfig(call);
        if (config != null) {
            rb.setRequestConfig(config);
        }
        try {
            abort.attach(client.execute(SimpleRequestProducer.create(rb.build()),
                    new SseResponseConsumer(call, signals), abort.context(), new FutureCallback<Void>() {
                        @Override
                        public void completed(Void result) {
                            // the consumer already told the listener
                        }

                        @Override
                        public void failed(Exception ex) {
                            signals.fail(mapFailure(call, ex));
                        }

                        @Override
                        public void cancelled() {
                            signals.fail(cancelledFailure(call));
                        }
                    }));
        } catch (RuntimeException e) {
            signals.fail(mapFailure(call, e));
            return Cancellable.NONE;
        }
        return () -> {
            // report the cancel first: HttpClient fails the exchange with a bare InterruptedIOException
            signals.fail(cancelledFailure(call));
            abort.run();
        };
    }

    /**
     * How many pooled connections are leased right now (in use by an exchange, or not yet given back). A
     * diagnostic for tests: once every call has ended it must drop back to 0, or connections leak.
     */
    public int leasedConnections() {
        return pool.getTotalStats().getLeased();
    }

    /**
     * A call's headers as HttpClient headers: built once per headers map and shared by the calls that pass the same
     * map (a target's calls do; its maps are unmodifiable). HttpClient copies them into each request's own list and
     * adds its headers there, so the shared, immutable header objects are never changed.
     */
    private Header[] headers(Map<String, String> map) {
        LastHeaders last = lastHeaders;
        if (last != null && last.map == map) {
            return last.headers;
        }
        Header[] headers = new Header[map.size()];
        int i = 0;
        for (Map.Entry<String, String> e : map.entrySet()) {
            headers[i++] = new BasicHeader(e.getKey(), e.getValue());
        }
        lastHeaders = new LastHeaders(map, headers);
        return headers;
    }

    private record LastHeaders(Map<String, String> map, Header[] headers) {
    }

    private volatile LastHeaders lastHeaders;

    /** The request config of a call's own timeouts (one instance per distinct pair), or null for the defaults. */
    @SuppressWarnings("deprecation")
    private RequestConfig requestConfig(HttpCall call) {
        if (call.responseTimeout() == null && call.connectTimeout() == null) {
            return null;
        }
        LastConfig last = lastConfig;
        if (last != null && last.response == call.responseTimeout() && last.connect == call.connectTimeout()) {
            return last.config; // a target's calls repeat the same Duration instances
        }
        List<Duration> key = Arrays.asList(call.responseTimeout(), call.connectTimeout());
        RequestConfig config = requestConfigs.computeIfAbsent(key, k -> {
            RequestConfig.Builder b = RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(k.get(0) != null ? k.get(0) : defaultResponseTimeout));
            if (k.get(1) != null) {
                // per-request connect timeout: still honoured by the async exec runtime of HttpClient 5.5
                b.setConnectTimeout(Timeout.of(k.get(1)));
            }
            return b.build();
        });
        lastConfig = new LastConfig(call.responseTimeout(), call.connectTimeout(), config);
        return config;
    }

    private static LlmRouterException cancelledFailure(HttpCall call) {
        return new ConnectionFailedException(ErrorInfo.of("The HTTP call " + call + " was cancelled"));
    }

    private void dispatch(Runnable task, Callback callback) {
        try {
            completion.execute(task);
        } catch (RejectedExecutionException e) {
            // the executor is shutting down: finish the exchange rather than lose it
            task.run();
        }
    }

    /**
     * The lower-case media type of an answer's {@code Content-Type} value, without parameters (null without one),
     * parsed once per distinct value: servers repeat the same few.
     *
     * @throws java.nio.charset.UnsupportedCharsetException for a charset the JVM does not know, as HttpClient's own
     *                                                      response consumer throws
     */
    static String replyMime(String contentType) {
        if (contentType == null) {
            return null;
        }
        String mime = MIME_TYPES.get(contentType);
        if (mime == null) {
            ContentType type = ContentType.parse(contentType);
            String m = type == null || type.getMimeType() == null ? null : type.getMimeType().toLowerCase(Locale.ROOT);
            mime = m == null ? NO_MIME : m;
            MIME_TYPES.put(contentType, mime);
        }
        return mime == NO_MIME ? null : mime;
    }

    static HttpReply toReply(HttpResponse response, String mime, byte[] body) {
        return new HttpReply(response.getCode(), mime, new ReplyHeaders(response.getHeaders()), body);
    }

    /** A Content-Type value without a usable media type. */
    private static final String NO_MIME = new String("");
    /** Media types by Content-Type value: servers repeat the same few. */
    private static final Map<String, String> MIME_TYPES = new BoundedNames();
    private record LastConfig(Duration response, Duration connect, RequestConfig config) {
    }

    /** A concurrent map that stops taking entries at 256 (a server that sends ever new values gains nothing). */
    private static final class BoundedNames extends ConcurrentHashMap<String, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String put(String key, String value) {
            return size() < 256 ? super.put(key, value) : null;
        }
    }

    /** The lower-case media type of a {@code Content-Type} value, without parameters; null when absent or bad. */
    static String mimeType(String contentType) {
        if (contentType == null) {
            return null;
        }
        ContentType type = ContentType.parseLenient(contentType);
        return type == null || type.getMimeType() == null ? null : type.getMimeType().toLowerCase(Locale.ROOT);
    }

    static LlmRouterException mapFailure(HttpCall call, Exception ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof LimitedResponseConsumer.TooLarge tooLarge) {
                return tooLarge(call, tooLarge.limit, tooLarge);
            }
        }
        String what = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
        if (ex instanceof ConnectTimeoutException) {
            return new ConnectionFailedException(ErrorInfo.of("Cannot connect in time for " + call + " (" + what + ")", ex));
        }
        if (ex instanceof SSLException) {
            // a certificate or protocol mismatch does not heal by itself: not retryable
            return new LlmRouterException("TLS failure for " + call + " (" + what + ")", 0, null, false, null, null, ex);
        }
        if (ex instanceof SocketTimeoutException || ex instanceof InterruptedIOException) {
            return new RequestTimeoutException(ErrorInfo.of("No answer in time from " + call + " (" + what + ")", ex));
        }
        if (ex instanceof ConnectException || ex instanceof UnknownHostException) {
            return new ConnectionFailedException(ErrorInfo.of("Cannot connect for " + call + " (" + what + ")", ex));
        }
        return new ConnectionFailedException(ErrorInfo.of("The HTTP call " + call + " failed (" + what + ")", ex));
    }

    /** The failure of an answer over the call's size limit; names the option that sets it. */
    static ResponseTooLargeException tooLarge(HttpCall call, long limit, Throwable cause) {
        return new ResponseTooLargeException(ErrorInfo.of("The answer to " + call + " is larger than maxResponseSize ("
                + limit + " bytes); reading stopped there. Raise option maxResponseSize, or ask for a shorter answer",
                cause), limit);
    }

    @Override
    public void close() {
        closed = true;
        client.close(CloseMode.GRACEFUL);
    }
}
