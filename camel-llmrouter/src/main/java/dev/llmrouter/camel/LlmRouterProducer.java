package dev.llmrouter.camel;

import java.io.InputStream;
import java.io.Reader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.InvalidMessageException;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.error.LocalRateLimitException;
import dev.llmrouter.camel.error.PolicyViolationException;
import dev.llmrouter.camel.error.RateLimit;
import dev.llmrouter.camel.plan.ChatPlanner;
import dev.llmrouter.camel.plan.Overrides;
import dev.llmrouter.camel.producer.AnswerMapper;
import dev.llmrouter.camel.producer.Bookkeeper;
import dev.llmrouter.camel.producer.ChatBody;
import dev.llmrouter.camel.producer.MessageOverrides;
import dev.llmrouter.camel.producer.RateWait;
import dev.llmrouter.camel.producer.StreamDelivery;
import dev.llmrouter.camel.protocol.ResultCallback;
import dev.llmrouter.camel.routing.ChatOutcome;
import dev.llmrouter.camel.wire.ChatRequest;
import dev.llmrouter.camel.wire.EmbeddingsRequest;
import dev.llmrouter.camel.wire.EmbeddingsResponse;
import dev.llmrouter.camel.wire.GenerationInfo;
import dev.llmrouter.camel.wire.KeyInfo;
import dev.llmrouter.camel.wire.ModelInfo;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.WrappedFile;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Runs one operation per exchange without blocking the calling thread: builds the request (nothing is sent when
 * the message is invalid), hands it to the endpoint's client, and completes the exchange from the completion
 * executor. On failure the exception is set and the message is left as it was.
 */
public class LlmRouterProducer extends DefaultAsyncProducer {

    private final LlmRouterEndpoint endpoint;

    public LlmRouterProducer(LlmRouterEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            switch (endpoint.getOperation()) {
                case "models" -> endpoint.client().call("/models", null, ModelInfo.ListResponse.class,
                        done(exchange, callback, r -> exchange.getMessage().setBody(r.data())));
                case "key" -> endpoint.client().call("/key", null, KeyInfo.Envelope.class,
                        done(exchange, callback, r -> exchange.getMessage().setBody(r.data())));
                case "generation" -> generation(exchange, callback);
                case "embeddings" -> embeddings(exchange, callback);
                default -> chat(exchange, callback);
            }
            return false;
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }

    private void chat(Exchange exchange, AsyncCallback callback) {
        Message message = exchange.getMessage();
        ChatPlanner planner = endpoint.planner();
        Overrides overrides = MessageOverrides.read(message);
        Bookkeeper book = endpoint.callBook();
        ChatRequest planned;
        try {
            planned = planner.plan(ChatBody.read(exchange), overrides);
        } catch (PolicyViolationException e) {
            // an attempt to loosen the endpoint's policy is a refusal the usage log and the meters should show
            book.refused(exchange, planner.template().defaults(), e, System.nanoTime());
            throw e;
        }
        Bookkeeper.Entry entry;
        try {
            entry = book.open(exchange, planned, overrides, book.waitsWhenRateLimited());
        } catch (LocalRateLimitException e) {
            if (!book.waitsWhenRateLimited() || e.getRetryAfterMillis() < 0) {
                throw e;
            }
            new RateWait(endpoint, exchange, callback, planned, overrides, f -> send(exchange, callback, planner, f))
                    .later(e);
            return;
        }
        send(exchange, callback, planner, entry);
    }

    /** Sends an admitted chat call; if the router refuses to start, the booking is closed and the failure thrown. */
    private void send(Exchange exchange, AsyncCallback callback, ChatPlanner planner, Bookkeeper.Entry entry) {
        try {
            if (endpoint.getConfiguration().isStream()) {
                endpoint.router().stream(entry.request(), entry.escalate(),
                        new StreamDelivery(endpoint, exchange, callback, entry), entry::reserveRescue);
            } else {
                endpoint.router().chat(entry.request(), entry.escalate(), new ChatCompletion(exchange, callback, entry,
                        planner));
            }
        } catch (RuntimeException e) {
            // nothing was sent, or the router already gave up: the reservation must not stay held
            entry.failed(e);
            throw e;
        }
    }

    /** Completes a chat exchange: maps the answer, books the call, and always completes the exchange. */
    private record ChatCompletion(Exchange exchange, AsyncCallback callback, Bookkeeper.Entry entry,
                                  ChatPlanner planner) implements ResultCallback<ChatOutcome> {

        @Override
        public void onSuccess(ChatOutcome outcome) {
            Throwable unusable = null;
            try {
                AnswerMapper.apply(exchange.getMessage(), outcome, planner.template());
            } catch (Throwable e) {
                exchange.setException(e);
                unusable = e;
            }
            try {
                entry.served(outcome, unusable);
            } finally {
                callback.done(false);
            }
        }

        @Override
        public void onFailure(RuntimeException failure) {
            failed(exchange, failure);
            try {
                entry.failed(failure);
            } finally {
                callback.done(false);
            }
        }
    }

    private void generation(Exchange exchange, AsyncCallback callback) {
        Message message = exchange.getMessage();
        String id = message.getHeader(LlmRouterConstants.GENERATION_ID, String.class);
        if (id == null || id.isBlank()) {
            Object body = message.getBody();
            id = body instanceof CharSequence s ? s.toString().trim() : null;
        }
        if (id == null || id.isBlank()) {
            throw invalid("Operation generation needs a generation id in header "
                          + LlmRouterConstants.GENERATION_ID + " or as a String body");
        }
        endpoint.client().call("/generation?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8), null,
                GenerationInfo.Envelope.class, done(exchange, callback, r -> exchange.getMessage().setBody(r.data())));
    }

    private void embeddings(Exchange exchange, AsyncCallback callback) {
        Message message = exchange.getMessage();
        // the model comes from the endpoint only: a CamelLlmRouterModel header set for a chat step earlier in the
        // route must not pick the embeddings model
        String model = endpoint.getConfiguration().getModel();
        if (model == null || model.isBlank()) {
            throw invalid("Operation embeddings needs option model");
        }
        Object body = body(message);
        Object input;
        boolean single;
        if (body instanceof CharSequence text && !text.toString().isBlank()) {
            input = text.toString();
            single = true;
        } else if (body instanceof List<?> list && !list.isEmpty()) {
            List<String> texts = new ArrayList<>(list.size());
            for (Object o : list) {
                if (!(o instanceof CharSequence)) {
                    throw invalid("Operation embeddings takes a String or a List of Strings; the list holds "
                                  + (o == null ? "null" : o.getClass().getName()));
                }
                texts.add(o.toString());
            }
            input = texts;
            single = false;
        } else {
            throw invalid("Operation embeddings takes a non-empty String or List of Strings, not "
                          + (body == null ? "null" : body.getClass().getName()));
        }
        EmbeddingsRequest request = new EmbeddingsRequest(model, input, endpoint.getConfiguration().getDimensions(),
                null, endpoint.getConfiguration().getUser());
        endpoint.client().call("/embeddings", request, EmbeddingsResponse.class, done(exchange, callback, r -> {
            Message out = exchange.getMessage();
            AnswerMapper.set(out, LlmRouterConstants.RESPONSE_MODEL, r.model());
            AnswerMapper.usage(out, r.usage());
            List<float[]> vectors = new ArrayList<>();
            if (r.data() != null) {
                r.data().stream()
                        .sorted((a, b) -> Integer.compare(a.index() == null ? 0 : a.index(), b.index() == null ? 0 : b.index()))
                        .forEach(e -> vectors.add(e.embedding()));
            }
            out.setBody(single ? (vectors.isEmpty() ? null : vectors.get(0)) : vectors);
        }));
    }

    /**
     * The body of an embeddings call: Strings and lists as they are; streams, byte arrays and files read as text;
     * anything else passed on to be refused with a clear message. (Chat bodies go through {@link ChatBody}.)
     */
    private static Object body(Message message) {
        Object body = message.getBody();
        if (body instanceof byte[] || body instanceof InputStream || body instanceof Reader
            || body instanceof StreamCache || body instanceof WrappedFile<?>) {
            return message.getBody(String.class);
        }
        return body;
    }

    /**
     * Sets the failure; the message keeps its body, and gains the attempts header when there were attempts and the
     * rate-limit headers when the failed answer had {@code X-RateLimit-*} headers.
     */
    public static void failed(Exchange exchange, RuntimeException failure) {
        if (failure instanceof LlmRouterException e && !e.getAttempts().isEmpty()) {
            exchange.getMessage().setHeader(LlmRouterConstants.ATTEMPTS, e.getAttempts());
            exchange.getMessage().setHeader(LlmRouterConstants.SKIPPED, AnswerMapper.skipped(e.getAttempts()));
        }
        if (failure instanceof LlmRouterException e && e.getRateLimit() != null) {
            RateLimit r = e.getRateLimit();
            setIfPresent(exchange.getMessage(), LlmRouterConstants.RATE_LIMIT_LIMIT, r.limit());
            setIfPresent(exchange.getMessage(), LlmRouterConstants.RATE_LIMIT_REMAINING, r.remaining());
            setIfPresent(exchange.getMessage(), LlmRouterConstants.RATE_LIMIT_RESET, r.reset());
        }
        exchange.setException(failure);
    }

    private static void setIfPresent(Message message, String name, Object value) {
        if (value != null) {
            message.setHeader(name, value);
        }
    }

    private static InvalidMessageException invalid(String text) {
        return new InvalidMessageException(ErrorInfo.of(text));
    }

    /** A callback that applies the result to the exchange (or sets the failure) and completes it. */
    private static <T> ResultCallback<T> done(Exchange exchange, AsyncCallback callback,
                                              java.util.function.Consumer<T> onResult) {
        return new ResultCallback<>() {
            @Override
            public void onSuccess(T result) {
                try {
                    onResult.accept(result);
                } catch (Throwable e) {
                    exchange.setException(e);
                }
                callback.done(false);
            }

            @Override
            public void onFailure(RuntimeException failure) {
                failed(exchange, failure);
                callback.done(false);
            }
        };
    }
}
