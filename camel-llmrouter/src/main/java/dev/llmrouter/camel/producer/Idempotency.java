package dev.llmrouter.camel.producer;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.llmrouter.camel.LlmRouterConfiguration;
import dev.llmrouter.camel.LlmRouterConstants;
import dev.llmrouter.camel.LlmRouterEndpoint;
import dev.llmrouter.camel.LlmRouterOnMissingIdempotencyKey;
import dev.llmrouter.camel.error.AnswerPendingException;
import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.InvalidMessageException;
import dev.llmrouter.camel.idempotency.AnswerStore;
import dev.llmrouter.camel.idempotency.Claim;
import dev.llmrouter.camel.idempotency.StoredAnswer;
import dev.llmrouter.camel.support.SecretMask;
import dev.llmrouter.camel.support.SharedRuntime;
import dev.llmrouter.camel.usage.CallEvent;
import dev.llmrouter.camel.usage.UsageRecord;
import dev.llmrouter.camel.wire.WireJson;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Never pay twice (option {@code idempotencyKey}): wraps the whole operation of an exchange, so that a message
 * whose key already has an answer gets it back without planning, admission, budget or HTTP, and a message whose key
 * is being answered right now waits for that answer instead of calling.
 * <p>
 * Per key, one exchange of this instance (the caller) claims the key in the {@link AnswerStore}; the others of
 * this instance wait in its {@link InFlight} without holding a thread, each up to requestTimeout. When the store
 * says another instance holds the key, the caller polls the store on the component's timer until that answer is
 * there or the other instance's lease ended (then it takes the key over and calls). When the call succeeds, what
 * the message holds (body and the component's {@code CamelLlmRouter*} headers) is stored and given to every
 * waiter; when it fails, the claim is released and the waiters go through the same steps again, one of them
 * calling.
 */
public final class Idempotency {

    private static final Logger LOG = LoggerFactory.getLogger(Idempotency.class);
    private static final String PREFIX = "CamelLlmRouter";
    private static final long MAX_POLL_MILLIS = 500;

    /** The call an exchange makes when it holds its key: the operation's own process. */
    @FunctionalInterface
    public interface Call {
        boolean run(Exchange exchange, AsyncCallback callback);
    }

    private final LlmRouterEndpoint endpoint;
    private final SharedRuntime runtime;
    private final String expressionText;
    private final Expression expression;
    private final boolean callWhenMissing;
    private final Duration retention;
    private final AnswerStore store;
    private final Map<String, InFlight> inFlight;
    private final String owner;
    private final Duration lease;
    private final long waitMillis;
    private final String endpointKey;

    private Idempotency(LlmRouterEndpoint endpoint, Expression expression, AnswerStore store) {
        LlmRouterConfiguration c = endpoint.getConfiguration();
        this.endpoint = endpoint;
        this.runtime = endpoint.getComponent().runtime();
        this.expressionText = c.getIdempotencyKey().trim();
        this.expression = expression;
        this.callWhenMissing = c.getOnMissingIdempotencyKey() == LlmRouterOnMissingIdempotencyKey.call;
        this.retention = Duration.ofMillis(c.getAnswerRetention());
        this.store = store;
        this.inFlight = runtime.answersInFlight(store);
        this.owner = runtime.answerOwner();
        this.lease = runtime.reservationLease();
        this.waitMillis = c.getRequestTimeout();
        this.endpointKey = SecretMask.uri(endpoint.getEndpointUri());
    }

    /**
     * Checks the idempotency options of {@code endpoint} (at endpoint creation); returns the compiled key
     * expression, or null when idempotencyKey is unset.
     */
    public static Expression validate(LlmRouterEndpoint endpoint) {
        LlmRouterConfiguration c = endpoint.getConfiguration();
        if (c.getAnswerRetention() < 0) {
            throw new IllegalArgumentException("Invalid value " + c.getAnswerRetention()
                    + " for answerRetention: must not be negative");
        }
        String text = c.getIdempotencyKey();
        if (text == null || text.isBlank()) {
            return null;
        }
        if (c.isStream() && (c.getStreamTo() == null || c.getStreamTo().isBlank())) {
            throw new IllegalArgumentException("Invalid idempotencyKey with stream=true: a streamed body cannot be "
                    + "stored; set streamTo (the answer is then stored and replayed as one delta)");
        }
        try {
            Expression e = endpoint.getCamelContext().resolveLanguage("simple").createExpression(text.trim());
            e.init(endpoint.getCamelContext());
            return e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid value '" + text.trim() + "' for idempotencyKey: "
                    + e.getMessage(), e);
        }
    }

    /** The idempotency of a started chat endpoint with a key expression, using its configured or default store. */
    public static Idempotency create(LlmRouterEndpoint endpoint, Expression expression) {
        AnswerStore store = endpoint.getConfiguration().getAnswerStore();
        if (store == null) {
            store = endpoint.getComponent().runtime().answerStore();
        } else {
            endpoint.getComponent().runtime().startAnswerStore(store);
        }
        return new Idempotency(endpoint, expression, store);
    }

    /** One exchange with its key, waiting or calling. */
    private final class Waiter {
        final Exchange exchange;
        final AsyncCallback callback;
        final Call call;
        final String key;
        final long deadline;
        final Map<String, Object> incoming;
        volatile Future<?> timeout;

        Waiter(Exchange exchange, AsyncCallback callback, Call call, String key) {
            this.exchange = exchange;
            this.callback = callback;
            this.call = call;
            this.key = key;
            this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            this.incoming = ours(exchange.getMessage());
        }

        void cancelTimeout() {
            Future<?> t = timeout;
            if (t != null) {
                t.cancel(false);
            }
        }

        void done() {
            cancelTimeout();
            callback.done(false);
        }
    }

    /** The exchanges of this instance with one key: the one calling (or polling the store) and those waiting. */
    public static final class InFlight {
        private final List<Waiter> waiting = new ArrayList<>();
        private boolean closed;

        synchronized boolean add(Waiter w) {
            if (closed) {
                return false;
            }
            waiting.add(w);
            return true;
        }

        synchronized boolean remove(Waiter w) {
            return waiting.remove(w);
        }

        synchronized List<Waiter> close() {
            closed = true;
            List<Waiter> out = new ArrayList<>(waiting);
            waiting.clear();
            return out;
        }
    }

    /**
     * Processes {@code exchange} under its key: replays, waits, or runs {@code call}. Returns true when the exchange
     * completed on this thread.
     */
    public boolean process(Exchange exchange, AsyncCallback callback, Call call) {
        String key;
        try {
            key = expression.evaluate(exchange, String.class);
        } catch (RuntimeException e) {
            exchange.setException(new InvalidMessageException(ErrorInfo.of("The idempotencyKey expression '"
                    + expressionText + "' failed: " + e.getMessage())));
            callback.done(true);
            return true;
        }
        if (key == null || key.isBlank()) {
            if (callWhenMissing) {
                return call.run(exchange, callback);
            }
            exchange.setException(new InvalidMessageException(ErrorInfo.of("The idempotencyKey expression '"
                    + expressionText + "' gave no key for this message (null or empty); nothing was sent. Set "
                    + "onMissingIdempotencyKey=call to send such messages without a key")));
            callback.done(true);
            return true;
        }
        enter(new Waiter(exchange, callback, call, key));
        return false;
    }

    /** Joins the exchanges in flight with the same key, or becomes the one that claims it. */
    private void enter(Waiter w) {
        while (true) {
            InFlight mine = new InFlight();
            InFlight existing = inFlight.putIfAbsent(w.key, mine);
            if (existing == null) {
                claim(w, mine);
                return;
            }
            if (existing.add(w)) {
                scheduleTimeout(w, existing);
                return;
            }
            // that group just ended: its answer is in the store (or the claim was released); look again
            Thread.onSpinWait();
        }
    }

    private void scheduleTimeout(Waiter w, InFlight group) {
        long left = TimeUnit.NANOSECONDS.toMillis(w.deadline - System.nanoTime());
        try {
            w.timeout = runtime.schedule(() -> {
                if (group.remove(w)) {
                    pendingTooLong(w);
                }
            }, Math.max(0, left));
        } catch (RuntimeException e) {
            if (group.remove(w)) {
                w.exchange.setException(e);
                w.callback.done(false);
            }
        }
    }

    private void pendingTooLong(Waiter w) {
        w.exchange.setException(new AnswerPendingException(w.key, "The answer for idempotency key '" + w.key
                + "' was still being produced by another exchange after requestTimeout (" + waitMillis
                + " ms); nothing was sent for this message"));
        w.callback.done(false);
    }

    /** Asks the store for {@code w}'s key; {@code w} leads {@code group}. */
    private void claim(Waiter w, InFlight group) {
        Claim claim;
        try {
            claim = store.claim(w.key, owner, lease);
        } catch (RuntimeException e) {
            List<Waiter> others = end(w, group);
            w.exchange.setException(e);
            w.done();
            retry(others);
            return;
        }
        switch (claim.state()) {
            case ANSWERED -> finish(w, group, claim.answer(), false);
            case CLAIMED -> call(w, group);
            case HELD_BY_OTHER -> poll(w, group, claim.expiresAt());
        }
    }

    /** Waits on the timer for another instance's answer, or for its lease to end. */
    private void poll(Waiter w, InFlight group, Instant expiresAt) {
        if (System.nanoTime() - w.deadline >= 0) {
            List<Waiter> others = end(w, group);
            pendingTooLong(w);
            retry(others);
            return;
        }
        long untilExpiry = expiresAt.toEpochMilli() - System.currentTimeMillis();
        long delay = Math.max(10, Math.min(MAX_POLL_MILLIS, untilExpiry + 1));
        Runnable again = () -> {
            if (!runtime.isRunning()) {
                List<Waiter> others = end(w, group);
                w.exchange.setException(new AnswerPendingException(w.key, "The component stopped while the answer "
                        + "for idempotency key '" + w.key + "' was being produced by another instance"));
                w.done();
                fail(others, w.exchange.getException());
                return;
            }
            claim(w, group);
        };
        try {
            runtime.schedule(again, delay);
        } catch (RuntimeException e) {
            List<Waiter> others = end(w, group);
            w.exchange.setException(e);
            w.done();
            fail(others, e);
        }
    }

    /** Calls the model for {@code w}, holding the key, and renews the claim's lease until the call is over. */
    private void call(Waiter w, InFlight group) {
        Renewal renewal = new Renewal(w.key);
        renewal.schedule();
        try {
            w.call.run(w.exchange, doneSync -> called(w, group, renewal));
        } catch (RuntimeException e) {
            w.exchange.setException(e);
            called(w, group, renewal);
        }
    }

    private final class Renewal implements Runnable {
        private final String key;
        private volatile boolean over;
        private volatile Future<?> next;

        Renewal(String key) {
            this.key = key;
        }

        void schedule() {
            if (!over) {
                try {
                    next = runtime.schedule(this, Math.max(1, lease.toMillis() / 3));
                } catch (RuntimeException e) {
                    // the component is stopping: the claim ends with its lease
                }
            }
        }

        @Override
        public void run() {
            if (over) {
                return;
            }
            try {
                store.renew(key, owner, lease);
            } catch (RuntimeException e) {
                LOG.warn("Cannot renew the claim on idempotency key '{}': {}", key, e.getMessage());
            }
            schedule();
        }

        void stop() {
            over = true;
            Future<?> f = next;
            if (f != null) {
                f.cancel(false);
            }
        }
    }

    /** The call of {@code w} is over: store its answer and give it to the waiters, or let them try themselves. */
    private void called(Waiter w, InFlight group, Renewal renewal) {
        renewal.stop();
        if (w.exchange.getException() == null) {
            // a replay flag left by an earlier step does not describe this call
            w.exchange.getMessage().removeHeader(LlmRouterConstants.REPLAYED);
            StoredAnswer answer = null;
            try {
                answer = capture(w);
                store.put(w.key, answer, retention);
            } catch (RuntimeException e) {
                LOG.warn("The answer for idempotency key '{}' could not be stored ({}): a redelivery will call again",
                        w.key, e.getMessage());
                answer = null;
                release(w.key);
            }
            List<Waiter> others = end(w, group);
            if (answer != null) {
                for (Waiter other : others) {
                    replayTo(other, answer, true);
                }
            } else {
                retry(others);
            }
        } else {
            release(w.key);
            retry(end(w, group));
        }
        w.done();
    }

    /** Ends {@code group}, led by {@code w}: the next exchange with the key starts a new one; returns its waiters. */
    private List<Waiter> end(Waiter w, InFlight group) {
        inFlight.remove(w.key, group);
        return group.close();
    }

    private void release(String key) {
        try {
            store.release(key, owner);
        } catch (RuntimeException e) {
            LOG.warn("Cannot release the claim on idempotency key '{}' (it ends with its lease): {}", key,
                    e.getMessage());
        }
    }

    /** The key has an answer: {@code w} and everyone waiting with it get it. */
    private void finish(Waiter w, InFlight group, StoredAnswer answer, boolean coalesced) {
        List<Waiter> others = end(w, group);
        for (Waiter other : others) {
            replayTo(other, answer, true);
        }
        replayTo(w, answer, coalesced);
    }

    private void replayTo(Waiter w, StoredAnswer answer, boolean coalesced) {
        try {
            replay(w.exchange, answer, coalesced);
        } catch (RuntimeException e) {
            w.exchange.setException(e);
        }
        w.done();
    }

    /** The waiters of a call that failed: each goes through the steps again (one of them will call). */
    private void retry(List<Waiter> waiters) {
        for (Waiter w : waiters) {
            w.cancelTimeout();
            enter(w);
        }
    }

    private static void fail(List<Waiter> waiters, Exception failure) {
        for (Waiter w : waiters) {
            w.exchange.setException(failure);
            w.done();
        }
    }

    /** The {@code CamelLlmRouter*} headers of a message, by name. */
    private static Map<String, Object> ours(Message message) {
        Map<String, Object> out = new HashMap<>();
        for (Map.Entry<String, Object> h : message.getHeaders().entrySet()) {
            if (h.getKey().startsWith(PREFIX)) {
                out.put(h.getKey(), h.getValue());
            }
        }
        return out;
    }

    /** What the message of a successful call holds: its body and the headers the component set. */
    private StoredAnswer capture(Waiter w) {
        Message m = w.exchange.getMessage();
        ObjectMapper json = WireJson.mapper();
        Map<String, StoredAnswer.Header> headers = new LinkedHashMap<>();
        for (Map.Entry<String, Object> h : ours(m).entrySet()) {
            Object value = h.getValue();
            if (value == null || LlmRouterConstants.REPLAYED.equals(h.getKey())
                    || w.incoming.get(h.getKey()) == value) { // null, our flag, or an incoming header kept as it was
                continue;
            }
            try {
                headers.put(h.getKey(), new StoredAnswer.Header(value.getClass().getName(),
                        json.writeValueAsString(value)));
            } catch (Exception e) {
                LOG.debug("Header {} is not stored with the answer: {}", h.getKey(), e.getMessage());
            }
        }
        Object body = m.getBody();
        String text;
        String type;
        if (body == null) {
            text = null;
            type = null;
        } else if (body instanceof String s) {
            text = s;
            type = String.class.getName();
        } else {
            try {
                text = json.writeValueAsString(body);
                type = body.getClass().getName();
            } catch (Exception e) {
                throw new IllegalStateException("a body of type " + body.getClass().getName()
                                                + " cannot be stored as JSON: " + e.getMessage(), e);
            }
        }
        return new StoredAnswer(text, type, headers, m.getHeader(LlmRouterConstants.COST, BigDecimal.class),
                m.getHeader(LlmRouterConstants.RESPONSE_MODEL, String.class), System.currentTimeMillis());
    }

    /** Puts a stored answer on the message, counts it, and (with streamTo) sends it there as one delta. */
    private void replay(Exchange exchange, StoredAnswer answer, boolean coalesced) {
        ObjectMapper json = WireJson.mapper();
        Message m = exchange.getMessage();
        Object body;
        try {
            body = answer.bodyType() == null ? null
                    : String.class.getName().equals(answer.bodyType()) ? answer.body()
                    : json.readValue(answer.body(), type(answer.bodyType()));
        } catch (Exception e) {
            throw new IllegalStateException("The stored answer's body (" + answer.bodyType()
                                            + ") cannot be read back: " + e.getMessage(), e);
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        answer.headers().forEach((name, h) -> {
            try {
                headers.put(name, json.readValue(h.json(), headerType(name, h.type())));
            } catch (Exception e) {
                try {
                    headers.put(name, json.readValue(h.json(), Object.class));
                } catch (Exception ignored) {
                    LOG.debug("Stored header {} cannot be read back: {}", name, e.getMessage());
                }
            }
        });
        AsyncProducer streamTo = endpoint.streamTo();
        if (streamTo != null && body instanceof String text) {
            Exchange part = new DefaultExchange(endpoint.getCamelContext());
            part.getMessage().setBody(text);
            LlmRouterBinding.writeStreamPart(part.getMessage(), 0, (String) headers.get(LlmRouterConstants.GENERATION_ID),
                    false);
            part.getMessage().setHeader(LlmRouterConstants.REPLAYED, Boolean.TRUE);
            try {
                streamTo.process(part);
            } catch (Exception e) {
                part.setException(e);
            }
            if (part.getException() != null) {
                throw new IllegalStateException("streamTo failed on the replayed answer: "
                                                + part.getException().getMessage(), part.getException());
            }
        }
        m.setBody(body);
        headers.forEach(m::setHeader);
        m.setHeader(LlmRouterConstants.REPLAYED, Boolean.TRUE);
        String route = exchange.getFromRouteId();
        runtime.replayStats().replayed(route, coalesced, answer.cost());
        UsageRecord record = new UsageRecord(Instant.now(), route, endpointKey, answer.model(), null, null, null,
                null, null, null, BigDecimal.ZERO, (String) headers.get(LlmRouterConstants.GENERATION_ID), null, false,
                "replayed", null);
        runtime.publish(new CallEvent(record, endpoint.getOperation().name(), answer.model(), null, null, 0,
                List.of(), false));
    }

    /**
     * The type a stored header is read back as: for a list header, the list of its declared element type (from the
     * header's {@code @Metadata} javaType, as {@code java.util.List<...LlmRouterToolStep>}), so that a replayed
     * header holds the same records as the original, not maps; otherwise the class of the stored value.
     */
    private JavaType headerType(String name, String storedClass) {
        TypeFactory types = WireJson.mapper().getTypeFactory();
        String declared = DECLARED_TYPES.get(name);
        if (declared != null && declared.startsWith(LIST_OF) && declared.endsWith(">")) {
            String element = declared.substring(LIST_OF.length(), declared.length() - 1).trim();
            Class<?> type = element.contains("<") ? null : elementClass(element);
            if (type != null) {
                return types.constructCollectionType(List.class, type);
            }
        }
        return types.constructType(type(storedClass));
    }

    private static final String LIST_OF = "java.util.List<";

    /** The declared Java type of every CamelLlmRouter* header, by header name, from LlmRouterConstants. */
    private static final Map<String, String> DECLARED_TYPES = declaredTypes();

    private static Map<String, String> declaredTypes() {
        Map<String, String> out = new HashMap<>();
        for (java.lang.reflect.Field f : LlmRouterConstants.class.getFields()) {
            org.apache.camel.spi.Metadata md = f.getAnnotation(org.apache.camel.spi.Metadata.class);
            if (md != null && f.getType() == String.class && !md.javaType().isEmpty()) {
                try {
                    out.put((String) f.get(null), md.javaType());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Map.copyOf(out);
    }

    /** A class by its source name ({@code a.b.Outer.Inner} as well as {@code a.b.Outer$Inner}), or null. */
    private Class<?> elementClass(String sourceName) {
        String name = "String".equals(sourceName) ? String.class.getName() : sourceName;
        while (true) {
            Class<?> c = endpoint.getCamelContext().getClassResolver().resolveClass(name);
            if (c != null) {
                return c;
            }
            int dot = name.lastIndexOf('.');
            if (dot < 0) {
                return null;
            }
            name = name.substring(0, dot) + '$' + name.substring(dot + 1);
        }
    }

    private Class<?> type(String name) {
        Class<?> type = endpoint.getCamelContext().getClassResolver().resolveClass(name);
        if (type == null) {
            throw new IllegalStateException("class " + name + " cannot be loaded");
        }
        return type;
    }
}
