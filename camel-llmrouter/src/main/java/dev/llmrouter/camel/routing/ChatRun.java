package dev.llmrouter.camel.routing;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.error.BadRequestException;
import dev.llmrouter.camel.error.CircuitOpenException;
import dev.llmrouter.camel.error.ConnectionFailedException;
import dev.llmrouter.camel.error.ContextLengthExceededException;
import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.EscalationFailedException;
import dev.llmrouter.camel.error.FirstTokenTimeoutException;
import dev.llmrouter.camel.error.InvalidMessageException;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.error.MalformedResponseException;
import dev.llmrouter.camel.error.NoProviderException;
import dev.llmrouter.camel.error.RequestTimeoutException;
import dev.llmrouter.camel.protocol.ChatDecoder;
import dev.llmrouter.camel.protocol.Dialect;
import dev.llmrouter.camel.protocol.ResultCallback;
import dev.llmrouter.camel.protocol.Target;
import dev.llmrouter.camel.transport.Cancellable;
import dev.llmrouter.camel.transport.HttpCall;
import dev.llmrouter.camel.transport.HttpReply;
import dev.llmrouter.camel.transport.Transport;
import dev.llmrouter.camel.wire.ChatMessage;
import dev.llmrouter.camel.wire.ChatRequest;
import dev.llmrouter.camel.wire.ChatResponse;
import dev.llmrouter.camel.wire.RequestBodies;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * One exchange's way through a {@link RoutingPlan}: a small state machine (model level, target, retry) that moves
 * on one event at a time. Each step starts only after the previous one ended, so the state is only ever touched by
 * one thread at a time; the total timeout is the one racer, and {@link #finished} settles every race: whoever sets
 * it first reports, everybody later stays silent.
 */
final class ChatRun {

    private final ChatRouter router;
    private final ChatRequest request;
    private final ResultCallback<ChatOutcome> onOutcome;
    private final ResultCallback<ChatStream> onStream;
    private final List<Attempt> attempts = new ArrayList<>(2);
    private final AtomicBoolean finished = new AtomicBoolean();
    private final long deadline;
    private final int levels;

    private int level;
    private int targetIndex;
    private int retry;
    private long waitedMs;
    private ChatRequest levelRequest;
    /** The level's request as it began: each target starts from it (an open model breaker may change the model). */
    private ChatRequest levelBase;
    private String targetModel;
    private byte[] body;
    private BigDecimal cost;
    private LlmRouterException lastFailure;
    private String lastRejection;
    /** The context-length failure that moves the run on, and the model that had it; null before one. */
    private ContextLengthExceededException tooLong;
    private String tooLongModel;
    /** The breakers this run found open, for the message when every candidate was open. */
    private List<String> openBreakers; // made when the first is found
    private volatile Future<?> pendingRetry;
    private volatile Future<?> timeoutTask;
    /** The attempt in flight, so that a total timeout can record it; null between attempts. Whoever clears it owns
     * the attempt's outcome: its reply, or the timeout. */
    private final AtomicReference<Attempting> current = new AtomicReference<>();
    /** A committed stream that failed mid-way and is being rescued on the next target or model, or null. */
    private ChatStream rescued;
    /** With {@link #rescued}: how (continue or restart). */
    private StreamPolicy.Recovery rescue;
    /** Whether the body for the current target carries the assistant prefill of a continuation. */
    private boolean prefillInBody;
    /** Set when the current target refused the prefill: it is asked again from the start. */
    private boolean restartHere;
    /** Asked before a rescue is sent (the budget must hold it). */
    RescueGate gate = RescueGate.OPEN;
    /**
     * The models (as the endpoint names them) whose rescue the gate already holds for the current rescue: another
     * target, a retry or a restart after a refused prefill of the same model reserves nothing more.
     */
    private java.util.Set<String> rescueHeld; // made by the first rescue

    ChatRun(ChatRouter router, ChatRequest request, boolean escalate, ResultCallback<ChatOutcome> onOutcome,
            ResultCallback<ChatStream> onStream) {
        this.router = router;
        this.levels = escalate ? 1 + router.plan.escalateModels().size() : 1;
        this.request = request;
        this.onOutcome = onOutcome;
        this.onStream = onStream;
        Duration total = router.plan.totalTimeout();
        this.deadline = total == null ? Long.MAX_VALUE : System.nanoTime() + total.toNanos();
    }

    void start() {
        guarded(this::begin);
    }

    private void begin() {
        Duration total = router.plan.totalTimeout();
        if (total != null) {
            try {
                timeoutTask = router.timer.schedule(() -> hop(this::timedOut), total.toMillis());
            } catch (RejectedExecutionException e) {
                // the component is stopped: the first send fails at once and reports it
            }
        }
        beginLevel(0);
    }

    private boolean streaming() {
        return onStream != null;
    }

    private int levels() {
        return levels;
    }

    private void beginLevel(int newLevel) {
        level = newLevel;
        levelRequest = newLevel == 0 ? request
                : request.toBuilder().model(router.plan.escalateModels().get(newLevel - 1)).models(null).build();
        levelBase = levelRequest;
        if (tooLong != null && !fits(levelRequest)) {
            moveOnFromLevel();
            return;
        }
        beginTarget(0);
    }

    /**
     * After a context-length failure: whether the level's model may take the request. A model whose catalog window
     * is known and smaller than the estimate is recorded as skipped; an unknown window is tried.
     */
    private boolean fits(ChatRequest candidate) {
        ContextWindows windows = router.plan.contextWindows();
        String model = candidate.model();
        OptionalInt window = windows.contextLength(model);
        if (window.isEmpty()) {
            return true;
        }
        int needed = windows.tokens(model, candidate);
        if (needed <= window.getAsInt()) {
            return true;
        }
        record(router.links[0].target(), model, Attempt.Outcome.SKIPPED, 0, 0, null, "context window of "
               + window.getAsInt() + " tokens is smaller than the estimated " + needed);
        return false;
    }

    private void beginTarget(int index) {
        targetIndex = index;
        levelRequest = levelBase;
        restartHere = false;
        retry = 0;
        waitedMs = 0;
        body = null;
        tryTarget();
    }

    /** Sends the current request to the current target, unless its breaker is open or it cannot serve the model. */
    private void tryTarget() {
        if (finished.get() || consumerGone()) {
            return;
        }
        ChatRouter.Link link = router.links[targetIndex];
        Target target = link.target();
        String model = levelRequest.model();
        if (!target.serves(model)) {
            record(target, model, Attempt.Outcome.SKIPPED, 0, 0, null, "no model mapping for " + model);
            if (lastFailure == null) {
                // a target that cannot serve the model is no failure: a real one of an earlier target stays the cause
                lastFailure = new NoProviderException(ErrorInfo.of(
                        "Target " + target.name() + " has no model mapping for " + model));
            }
            moveOn();
            return;
        }
        boolean restartThis = false;
        ChatRequest toAdmit = null;
        if (body == null) {
            targetModel = target.modelFor(model);
            ChatRequest toSend = levelRequest;
            prefillInBody = false;
            if (rescued != null) {
                prefillInBody = rescue == StreamPolicy.Recovery.CONTINUE && !restartHere
                                && !router.rejectsPrefill(target, targetModel);
                if (prefillInBody) {
                    List<ChatMessage> messages = new ArrayList<>(levelRequest.messages());
                    messages.add(ChatMessage.assistant(rescued.received()));
                    toSend = levelRequest.toBuilder().messages(messages).build();
                } else if (!rescued.canRestart()) {
                    record(target, targetModel, Attempt.Outcome.SKIPPED, 0, 0, null,
                            "cannot start the answer over: deltas were already handed out");
                    moveOn();
                    return;
                }
            }
            if (rescued != null && (rescueHeld == null || !rescueHeld.contains(model))) {
                // admitted below, once the breaker lets the call through
                toAdmit = toSend;
            }
            try {
                body = RequestBodies.write(target.dialect().adapt(toSend, targetModel));
            } catch (JsonProcessingException e) {
                fail(new InvalidMessageException(
                        ErrorInfo.of("The request cannot be written as JSON: " + e.getOriginalMessage(), e)));
                return;
            }
        }
        ResponseCache cache = router.plan.cache();
        if (cache != null && !streaming()) {
            ChatResponse hit = cache.get(target, body);
            if (hit != null) {
                record(target, targetModel, Attempt.Outcome.CACHED, 0, 0, BigDecimal.ZERO, null);
                // the cached answer adds nothing, but answers rejected before it were billed
                succeed(new ChatOutcome(hit, snapshot(), cost, target.name(), true, null));
                return;
            }
        }
        Transport transport;
        try {
            transport = router.transport.get();
        } catch (RuntimeException e) {
            // the HTTP client cannot even be built (e.g. a TLS configuration error): nothing to retry
            fail(asFailure(e));
            return;
        }
        CircuitBreakers.Gate breaker = router.breakers == null ? null
                : router.breakers.gate(target, targetModel, router.plan.scopeOf(target));
        CircuitBreaker refused = breaker == null ? null : breaker.tryAcquire();
        if (refused != null) {
            skipOpen(target, refused);
            return;
        }
        if (toAdmit != null) {
            if (!gate.admit(toAdmit, model)) {
                if (breaker != null) {
                    breaker.release();
                }
                body = null;
                if (!consumerGone()) {
                    record(target, targetModel, Attempt.Outcome.SKIPPED, 0, 0, null,
                            "the budget cannot hold the rescue of the stream");
                    fail(lastFailure);
                }
                return;
            }
            if (rescueHeld == null) {
                rescueHeld = new java.util.HashSet<>(2);
            }
            rescueHeld.add(model);
        }
        restartThis = rescued != null && !prefillInBody;
        Attempting attempt = new Attempting(link, targetModel, breaker, System.nanoTime(), new Handle());
        Duration firstToken = router.plan.streams().firstTokenTimeout();
        if (firstToken != null) {
            try {
                attempt.handle().firstTokenTimer = router.timer.schedule(
                        () -> hop(() -> firstTokenExpired(attempt, firstToken)), firstToken.toMillis());
            } catch (RejectedExecutionException e) {
                // the component is stopping: the send fails at once
            }
        }
        HttpCall call = new HttpCall("POST", link.uri(), streaming() ? link.streamHeaders() : link.jsonHeaders(), body,
                link.timeout(), target.connectTimeout(), router.plan.maxResponseSize());
        // known before the send, so that a total timeout can always find and record it
        current.set(attempt);
        Cancellable handle;
        try {
            handle = streaming()
                    ? transport.stream(call, new StreamAttempt(this, attempt, router.clock, rescued, restartThis))
                    : transport.send(call, new Transport.Callback() {
                        @Override
                        public void onHead() {
                            attempt.handle().firstToken();
                        }

                        @Override
                        public void onReply(HttpReply reply) {
                            attempt.handle().end();
                            guarded(() -> replied(attempt, reply));
                        }

                        @Override
                        public void onFailure(LlmRouterException failure) {
                            guarded(() -> failed(attempt, failure, null));
                        }
                    });
        } catch (RuntimeException e) {
            failed(attempt, asFailure(e), null);
            return;
        }
        attempt.handle().set(handle);
        if (rescued != null && rescued.isClosed() && !attempt.handle().answered()) {
            // the route closed the stream while this rescue was being sent (its close reached the earlier call)
            handle.cancel();
        }
        if (finished.get() && !attempt.handle().answered()) {
            // the run ended elsewhere (a total timeout, say) before this call had its handle: abort the orphan.
            // Not when this very attempt ended the run: a fast server can commit a stream before we get here
            handle.cancel();
        }
    }

    /**
     * Whether the route closed the stream being rescued: then nobody reads what a rescue would bring, and its end
     * was already reported (the close ran the end hooks). The run ends here, silently.
     */
    private boolean consumerGone() {
        if (rescued == null || !rescued.isClosed()) {
            return false;
        }
        if (finished.compareAndSet(false, true)) {
            cancelTimeout();
        }
        return true;
    }

    /** Runs a step; a step that throws ends the run with that failure instead of losing the exchange. */
    void guarded(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            fail(asFailure(e));
        }
    }

    private static LlmRouterException asFailure(RuntimeException e) {
        return e instanceof LlmRouterException l ? l
                : new ConnectionFailedException(ErrorInfo.of("The call could not be made: " + e, e));
    }

    /** What is known about the attempt in flight. */
    record Attempting(ChatRouter.Link link, String model, CircuitBreakers.Gate breaker, long started,
                      Handle handle) {

        long elapsedMs() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        }

        @Override
        public String toString() {
            return "Attempting[" + link.target().name() + " " + model + "]";
        }
    }

    /** The transport's handle of one attempt; a cancel that comes before the handle is applied when it arrives. */
    static final class Handle implements Cancellable {
        private volatile Cancellable target;
        private volatile boolean cancelled;
        private volatile boolean answered;
        /** Why the run abandoned the call (first-token timeout, stall): reported instead of the cancel. */
        private volatile LlmRouterException abandoned;
        private volatile boolean firstTokenSeen;
        private volatile boolean ended;
        volatile Future<?> firstTokenTimer;

        /** The first content delta (stream) or the response headers (plain call) arrived. */
        void firstToken() {
            firstTokenSeen = true;
            Future<?> f = firstTokenTimer;
            if (f != null) {
                f.cancel(false);
            }
        }

        /** The call has ended (answer, failure or done): no timer may abandon it any more. */
        void end() {
            ended = true;
            firstToken();
        }

        boolean ended() {
            return ended;
        }

        boolean firstTokenSeen() {
            return firstTokenSeen;
        }

        /** Cancels the call, which then fails with {@code why} rather than as cancelled. */
        void abandon(LlmRouterException why) {
            if (!ended && abandoned == null) {
                abandoned = why;
                cancel();
            }
        }

        /** The failure to report for a call that failed with {@code raised}. */
        LlmRouterException reason(LlmRouterException raised) {
            LlmRouterException why = abandoned;
            return why != null ? why : raised;
        }

        /**
         * Marks the attempt as answered: its call has completed, or it is the stream the run is about to deliver.
         * Set before the run can finish, so that a late look at the handle never cancels that stream.
         */
        void markAnswered() {
            answered = true;
        }

        boolean answered() {
            return answered;
        }

        void set(Cancellable handle) {
            target = handle;
            if (cancelled) {
                handle.cancel();
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            Cancellable t = target;
            if (t != null) {
                t.cancel();
            }
        }
    }

    private void replied(Attempting attempt, HttpReply reply) {
        ChatResponse response;
        try {
            ChatRouter.Link link = attempt.link();
            response = ChatDecoder.decodeChat(reply, link.what(), router.clock, link.redactor());
        } catch (LlmRouterException e) {
            failed(attempt, e, null);
            return;
        } catch (RuntimeException e) {
            failed(attempt, new MalformedResponseException(ErrorInfo.of(
                    "The answer of " + attempt.link().what() + " could not be read: " + e, e)), null);
            return;
        }
        answered(attempt, response, reply.header("x-openrouter-cache-status"), null);
    }

    /** A complete answer arrived (non-streaming) or a stream committed ({@code stream} not null). */
    void answered(Attempting attempt, ChatResponse response, String serverCache, ChatStream stream) {
        long duration = attempt.elapsedMs();
        boolean mine = current.compareAndSet(attempt, null);
        if (attempt.breaker() != null) {
            attempt.breaker().onSuccess(duration);
        }
        if (!mine || finished.get()) {
            if (stream != null && stream == rescued) {
                // a rescue that came too late (the run failed the route's stream already): stop its call only
                attempt.handle().cancel();
            } else if (stream != null) {
                stream.close();
            }
            return;
        }
        Target target = attempt.link().target();
        if (stream != null && rescued != null && !finished.compareAndSet(false, true)) {
            // the total timeout failed the route's stream in the meantime: nothing may stream into it any more
            attempt.handle().cancel();
            return;
        }
        attempt.handle().markAnswered();
        if (stream != null) {
            record(target, attempt.model(), Attempt.Outcome.SUCCESS, 200, duration, null,
                    rescued == null ? null : rescue == StreamPolicy.Recovery.CONTINUE && prefillInBody
                            ? "continued the stream" : "restarted the stream");
            stream.routed(snapshot(), cost, target.name());
            if (rescued != null) {
                // the route already has this stream: the rescue is done (finished was set above)
                cancelTimeout();
                return;
            }
            succeedStream(stream);
            return;
        }
        BigDecimal attemptCost = response.usage() == null ? null : response.usage().cost();
        String rejection = router.plan.check() == null ? null : check(response);
        if (rejection != null) {
            record(target, servedModel(attempt, response), Attempt.Outcome.REJECTED, 200, duration, attemptCost,
                    rejection);
            lastRejection = rejection;
            lastFailure = null;
            if (level + 1 < levels()) {
                beginLevel(level + 1);
            } else {
                fail(new EscalationFailedException(ErrorInfo.of("No answer passed the escalation check after "
                                                                + attemptCount() + " attempts; the last was"
                                                                + " rejected because " + rejection)));
            }
            return;
        }
        record(target, servedModel(attempt, response), Attempt.Outcome.SUCCESS, 200, duration, attemptCost, null);
        if (router.plan.cache() != null) {
            router.plan.cache().put(target, body, response);
        }
        succeed(new ChatOutcome(response, snapshot(), cost, target.name(), false, serverCache));
    }

    private String check(ChatResponse response) {
        try {
            return router.plan.check().reject(response);
        } catch (RuntimeException e) {
            return "the check failed: " + e.getMessage();
        }
    }

    /** The first token did not come in time: the call is abandoned, and the run moves on (no retry there). */
    private void firstTokenExpired(Attempting attempt, Duration limit) {
        Handle h = attempt.handle();
        if (h.firstTokenSeen() || h.ended() || current.get() != attempt) {
            return;
        }
        h.abandon(new FirstTokenTimeoutException(ErrorInfo.of("No first token from " + attempt.link().what()
                + " (model " + attempt.model() + ") within " + limit.toMillis() + " ms (firstTokenTimeout)")));
    }

    long idleTimeoutMs() {
        Duration d = router.plan.streams().idleTimeout();
        return d == null ? 0 : d.toMillis();
    }

    Future<?> schedule(Runnable task, long delayMillis) {
        return router.timer.schedule(task, delayMillis);
    }

    /**
     * A committed stream failed mid-way ({@code billed}: what the failed attempt reported it cost, or null). With
     * {@code streamRecovery} continue or restart and a target or model left, the next one takes the stream over;
     * else the stream ends with the failure.
     */
    void streamFailed(Attempting attempt, LlmRouterException failure, ChatStream stream, BigDecimal billed) {
        if (!attempt.handle().answered()) {
            // the run never took this stream (it ended first): it has nobody to report to
            return;
        }
        // the breaker counted this call when it committed; a failure after that is not counted twice
        attempt.handle().end();
        StreamPolicy.Recovery recovery = router.plan.streams().recovery();
        boolean more = targetIndex + 1 < router.links.length || level + 1 < levels();
        long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE
                : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (recovery == StreamPolicy.Recovery.FAIL || !more || stream.isClosed() || left <= 0
            || router.plan.retry().decide(failure) == RetryPolicy.Decision.STOP
            || recovery == StreamPolicy.Recovery.RESTART && !stream.canRestart()) {
            // no rescue: the committed attempt keeps its SUCCESS record (it was served; the stream then failed), and
            // its cost stays the stream's own (counted once, from its usage)
            endStream(stream, failure);
            return;
        }
        // rescued: the committed attempt that broke is recorded as failed, with what it had delivered
        String received = stream.received();
        synchronized (attempts) {
            for (int i = attempts.size() - 1; i >= 0; i--) {
                Attempt a = attempts.get(i);
                if (a.outcome() == Attempt.Outcome.SUCCESS && a.target().equals(attempt.link().target().name())) {
                    attempts.set(i, new Attempt(a.target(), a.model(), Attempt.Outcome.FAILED, failure.getStatusCode(),
                            attempt.elapsedMs(), a.waitedMs(), billed, "failed after " + received.length()
                            + " characters: " + failure.getMessage()));
                    break;
                }
            }
        }
        if (billed != null) {
            cost = cost == null ? billed : cost.add(billed);
        }
        lastFailure = failure;
        rescued = stream;
        rescue = recovery;
        if (rescueHeld != null) {
            rescueHeld.clear();
        }
        restartHere = false;
        stream.rescued();
        finished.set(false);
        if (left != Long.MAX_VALUE) {
            try {
                timeoutTask = router.timer.schedule(() -> hop(this::timedOut), left);
            } catch (RejectedExecutionException e) {
                fail(failure);
                return;
            }
        }
        moveOn();
    }

    private void endStream(ChatStream stream, LlmRouterException failure) {
        synchronized (attempts) {
            failure.setAttempts(attempts);
        }
        stream.routed(snapshot(), cost, stream.target());
        stream.fail(failure);
    }

    /** The attempt failed; decides between retrying, moving on and giving up. */
    void failed(Attempting attempt, LlmRouterException raised, BigDecimal attemptCost) {
        attempt.handle().end();
        LlmRouterException failure = attempt.handle().reason(raised);
        long duration = attempt.elapsedMs();
        boolean mine = current.compareAndSet(attempt, null);
        CircuitBreakers.Gate breaker = attempt.breaker();
        if (rescued != null && rescued.isClosed()) {
            // the route closed the stream during its rescue, which cancelled this call: no fault of the target
            if (breaker != null) {
                breaker.release();
            }
            consumerGone();
            return;
        }
        if (!mine || finished.get()) {
            // the total timeout ended the run (and aborted this call): a target that hung that long still counts
            if (breaker != null) {
                if (RetryPolicy.isTargetFault(failure)) {
                    breaker.onError(duration, failure);
                } else {
                    breaker.release();
                }
            }
            return;
        }
        if (breaker != null) {
            // each breaker's predicates decide whether the failure counts against it (else it counts as a success)
            breaker.onError(duration, failure);
        }
        BigDecimal billed = attemptCost != null ? attemptCost
                : failure instanceof MalformedResponseException m ? m.getCost() : null;
        if (rescued != null && prefillInBody && failure instanceof BadRequestException
            && failure.getStatusCode() == 400) {
            // the target or model does not take an assistant prefill: remember it, and ask again from the start
            router.rememberRejectsPrefill(attempt.link().target(), attempt.model());
            record(attempt.link().target(), attempt.model(), Attempt.Outcome.FAILED, 400, duration, billed,
                    "the assistant prefill was refused, asking again from the start: " + failure.getMessage());
            restartHere = true;
            body = null;
            tryTarget();
            return;
        }
        record(attempt.link().target(), attempt.model(), Attempt.Outcome.FAILED, failure.getStatusCode(), duration,
                billed, failure.getMessage());
        lastFailure = failure;
        RetryPolicy policy = router.plan.retry();
        RetryPolicy.Decision decision = policy.decide(failure);
        if (decision == RetryPolicy.Decision.RETRY && retry < policy.maxRetries()) {
            Duration delay = policy.delay(retry, failure, router.random);
            if (System.nanoTime() + delay.toNanos() < deadline) {
                retry++;
                waitedMs = delay.toMillis();
                if (delay.isZero()) {
                    tryTarget();
                } else {
                    try {
                        pendingRetry = router.timer.schedule(() -> hop(this::tryTarget), delay.toMillis());
                    } catch (RejectedExecutionException e) {
                        // the component is stopping: no more waits
                        fail(failure);
                    }
                }
                return;
            }
        }
        if (decision == RetryPolicy.Decision.STOP) {
            fail(failure);
        } else {
            if (failure instanceof ContextLengthExceededException c) {
                // never sent unchanged to the same model again: only a model with a larger window may take it
                tooLong = c;
                tooLongModel = attempt.model();
            }
            moveOn();
        }
    }

    /**
     * An open breaker: the call moves on at once (next model of the request's {@code models}, next target, next
     * escalation model), nothing is sent to the open one.
     */
    private void skipOpen(Target target, CircuitBreaker refused) {
        String label = CircuitBreakers.label(refused);
        boolean perModel = !CircuitBreakers.WHOLE_TARGET.equals(refused.getTags().get(CircuitBreakers.TAG_MODEL));
        java.time.Instant probe = router.breakers.probeAt(refused);
        record(target, targetModel, Attempt.Outcome.SKIPPED, 0, 0, null, CircuitBreakers.SKIP_DETAIL + label
               + (probe == null ? "" : CircuitBreakers.PROBE_DETAIL + probe));
        String shown = label + (probe == null ? " (half-open, its probe calls in flight)" : " (probed again after " + probe + ")");
        if (openBreakers == null) {
            openBreakers = new ArrayList<>(2);
        }
        if (!openBreakers.contains(shown)) {
            openBreakers.add(shown);
        }
        if (lastFailure == null || lastFailure instanceof CircuitOpenException) {
            // a real failure of an earlier target says more than this skip
            lastFailure = new CircuitOpenException(ErrorInfo.of(openBreakers.size() == 1
                    ? "The circuit breaker of " + shown + " is open: the call was not sent"
                    : "The circuit breakers of every candidate are open, nothing was sent: "
                      + String.join(", ", openBreakers)));
        }
        List<String> fallbacks = levelRequest.models();
        if (perModel && target.dialect() == Dialect.OPENROUTER && fallbacks != null && !fallbacks.isEmpty()) {
            // the request's own fallback list (OpenRouter's models): the next model of it, on this target, at once
            List<String> rest = new ArrayList<>(fallbacks);
            rest.remove(levelRequest.model());
            if (!rest.isEmpty()) {
                levelRequest = levelRequest.toBuilder().model(rest.get(0))
                        .models(rest.size() > 1 ? List.copyOf(rest.subList(1, rest.size())) : null).build();
                body = null;
                tryTarget();
                return;
            }
        }
        moveOn();
    }

    /** The next target of this model, else the first target of the next model, else give up. */
    private void moveOn() {
        int next = targetIndex + 1;
        if (tooLong != null) {
            // the same model on another target has the same window
            while (next < router.links.length && router.links[next].target().serves(levelBase.model())
                   && tooLongModel.equals(router.links[next].target().modelFor(levelBase.model()))) {
                next++;
            }
        }
        if (next < router.links.length) {
            beginTarget(next);
        } else {
            moveOnFromLevel();
        }
    }

    /** The first target of the next model, else give up. */
    private void moveOnFromLevel() {
        if (level + 1 < levels()) {
            beginLevel(level + 1);
        } else if (lastFailure != null) {
            fail(lastFailure);
        } else {
            fail(new EscalationFailedException(ErrorInfo.of("No answer passed the escalation check; the last was"
                                                            + " rejected because " + lastRejection)));
        }
    }

    private void timedOut() {
        if (finished.get()) {
            return;
        }
        Attempting inFlightAttempt = current.getAndSet(null);
        if (inFlightAttempt != null) {
            record(inFlightAttempt.link().target(), inFlightAttempt.model(), Attempt.Outcome.FAILED, 0,
                    inFlightAttempt.elapsedMs(), null, "aborted: totalTimeout ran out");
        }
        Future<?> retryTask = pendingRetry;
        if (retryTask != null) {
            retryTask.cancel(false);
        }
        Duration total = router.plan.totalTimeout();
        RequestTimeoutException failure = new RequestTimeoutException(ErrorInfo.of(
                "The total timeout of " + total.toMillis() + " ms (totalTimeout) ran out after " + attemptCount()
                + " attempt(s)" + (lastFailure == null ? "" : "; the last failure: " + lastFailure.getMessage())));
        if (fail(failure) && inFlightAttempt != null) {
            // the call then fails with the timeout, not as "cancelled" (a connection fault the target would own)
            inFlightAttempt.handle().abandon(failure);
        }
    }

    /**
     * The model that answered: the answer's {@code model} (on OpenRouter a model of the request's {@code models}
     * fallback list may serve instead of the one asked for), else the model asked for.
     */
    private static String servedModel(Attempting attempt, ChatResponse response) {
        String served = response.model();
        return served == null || served.isBlank() ? attempt.model() : served;
    }

    /** A copy of the attempts so far (the timeout may add one concurrently). */
    private List<Attempt> snapshot() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    private int attemptCount() {
        synchronized (attempts) {
            return attempts.size();
        }
    }

    private void record(Target target, String model, Attempt.Outcome outcome, int status, long durationMs,
                        BigDecimal attemptCost, String detail) {
        synchronized (attempts) {
            attempts.add(new Attempt(target.name(), model, outcome, status, durationMs, waitedMs, attemptCost, detail));
        }
        waitedMs = 0;
        if (attemptCost != null) {
            cost = cost == null ? attemptCost : cost.add(attemptCost);
        }
    }

    private boolean fail(LlmRouterException failure) {
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        cancelTimeout();
        synchronized (attempts) {
            failure.setAttempts(attempts);
        }
        if (rescued != null) {
            rescued.routed(snapshot(), cost, rescued.target());
            rescued.fail(failure);
        } else if (streaming()) {
            onStream.onFailure(failure);
        } else {
            onOutcome.onFailure(failure);
        }
        return true;
    }

    private void succeed(ChatOutcome outcome) {
        if (finished.compareAndSet(false, true)) {
            cancelTimeout();
            onOutcome.onSuccess(outcome);
        }
    }

    private void succeedStream(ChatStream stream) {
        if (finished.compareAndSet(false, true)) {
            cancelTimeout();
            onStream.onSuccess(stream);
        } else {
            stream.close();
        }
    }

    private void cancelTimeout() {
        Future<?> t = timeoutTask;
        if (t != null) {
            t.cancel(false);
        }
    }

    /** Runs a task on the completion executor (timer tasks must not run route code on the timer thread). */
    void hop(Runnable task) {
        Runnable step = () -> guarded(task);
        try {
            router.completion.execute(step);
        } catch (RejectedExecutionException e) {
            step.run();
        }
    }
}
