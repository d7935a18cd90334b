package dev.llmrouter.camel.routing;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import dev.llmrouter.camel.protocol.ResultCallback;
import dev.llmrouter.camel.protocol.Target;
import dev.llmrouter.camel.transport.Redactor;
import dev.llmrouter.camel.transport.Transport;
import dev.llmrouter.camel.wire.ChatRequest;

/**
 * Sends an endpoint's chat requests along its {@link RoutingPlan}: each target in order behind its circuit breaker,
 * retries with backoff or {@code Retry-After}, the next target after a target gives up, the next model of the
 * escalation chain after a rejected answer (or when every target failed), all within the total timeout. Nothing
 * blocks: waits are scheduled on a timer, answers arrive on the transport's completion executor, and the
 * callback runs on a completion thread (or on the caller's thread when nothing could be sent at all). Every
 * attempt is recorded.
 */
public final class ChatRouter {

    static final String CHAT = "/chat/completions";

    final Supplier<Transport> transport;
    final RoutingPlan plan;
    final CircuitBreakers breakers;
    final Scheduler timer;
    final Executor completion;
    final Clock clock;
    final DoubleSupplier random;
    final Link[] links;

    /**
     * @param transport  the shared transport, looked up per call
     * @param plan       targets, retries and escalation
     * @param breakers   the component's circuit breakers, or null for none
     * @param timer      runs backoff waits and the total timeout (tasks only hand work to {@code completion})
     * @param completion where work continues after a wait or a streamed event
     */
    public ChatRouter(Supplier<Transport> transport, RoutingPlan plan, CircuitBreakers breakers,
                      Scheduler timer, Executor completion, Clock clock) {
        this(transport, plan, breakers, timer, completion, clock, () -> ThreadLocalRandom.current().nextDouble());
    }

    ChatRouter(Supplier<Transport> transport, RoutingPlan plan, CircuitBreakers breakers,
               Scheduler timer, Executor completion, Clock clock, DoubleSupplier random) {
        this.transport = transport;
        this.plan = plan;
        this.breakers = breakers;
        this.timer = timer;
        this.completion = completion;
        this.clock = clock;
        this.random = random;
        this.links = new Link[plan.targets().size()];
        // any target's key is a secret in any target's answer (a proxy may echo what another target was sent)
        Redactor redactor = Redactor.of(plan.targets().stream().map(Target::apiKey).toList());
        for (int i = 0; i < links.length; i++) {
            links[i] = Link.of(plan.targets().get(i), plan.headers(), redactor);
        }
    }

    public RoutingPlan plan() {
        return plan;
    }

    /** Target and model pairs that refused an assistant prefill (a 400): continuations there start over. */
    private final java.util.Set<String> noPrefill = java.util.concurrent.ConcurrentHashMap.newKeySet();

    boolean rejectsPrefill(Target target, String model) {
        return noPrefill.contains(target.name() + "\u0000" + model);
    }

    void rememberRejectsPrefill(Target target, String model) {
        noPrefill.add(target.name() + "\u0000" + model);
    }

    /** Sends a chat request; with {@code escalate} false the escalation models are not used (e.g. downgraded). */
    public void chat(ChatRequest request, boolean escalate, ResultCallback<ChatOutcome> callback) {
        new ChatRun(this, request, escalate, callback, null).start();
    }

    /**
     * Sends a streaming chat request. The callback receives the stream once its first content has arrived (or it
     * ended without content); failures before that point are retried and routed like any failure.
     */
    public void stream(ChatRequest request, ResultCallback<ChatStream> callback) {
        stream(request, true, callback);
    }

    /** Sends a streaming chat request; with {@code escalate} false the escalation models are not used. */
    public void stream(ChatRequest request, boolean escalate, ResultCallback<ChatStream> callback) {
        stream(request, escalate, callback, RescueGate.OPEN);
    }

    /**
     * Sends a streaming chat request; {@code gate} is asked before a rescue of the stream (streamRecovery) sends
     * its continuation or restart.
     */
    public void stream(ChatRequest request, boolean escalate, ResultCallback<ChatStream> callback, RescueGate gate) {
        ChatRun run = new ChatRun(this, request.toBuilder().stream(true).build(), escalate, null, callback);
        run.gate = gate == null ? RescueGate.OPEN : gate;
        run.start();
    }

    /**
     * What is sent to one target, computed once: the URI, the headers of JSON and of streaming calls (the API key
     * and, for the OpenRouter dialect, the extra headers), a name for messages, and the redactor of server text.
     */
    record Link(Target target, URI uri, Map<String, String> jsonHeaders, Map<String, String> streamHeaders,
                String what, Duration timeout, Redactor redactor) {

        @Override
        public String toString() {
            // never the headers: they carry the API key
            return "Link[" + target + " " + uri + "]";
        }

        static Link of(Target target, Map<String, String> extraHeaders, Redactor redactor) {
            return new Link(target, target.resolve(CHAT), target.headers("application/json", extraHeaders),
                    target.headers("text/event-stream", extraHeaders), "POST " + CHAT + " at " + target.name(),
                    target.requestTimeout(), redactor);
        }
    }
}
