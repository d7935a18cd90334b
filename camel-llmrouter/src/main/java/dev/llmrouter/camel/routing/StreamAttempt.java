package dev.llmrouter.camel.routing;

import java.math.BigDecimal;
import java.time.Clock;

import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.error.MalformedResponseException;
import dev.llmrouter.camel.protocol.ChatDecoder;
import dev.llmrouter.camel.protocol.ErrorMapper;
import dev.llmrouter.camel.transport.HttpReply;
import dev.llmrouter.camel.transport.StreamListener;
import dev.llmrouter.camel.wire.ChatResponse;
import dev.llmrouter.camel.wire.WireJson;

/**
 * Reads one streamed attempt. Until the first content delta the attempt is not committed: an error chunk, a cut
 * stream or an error status is an ordinary failure that the run may retry or route elsewhere. The first content
 * delta commits it: from then on the deltas go to the {@link ChatStream} and a failure ends that stream with an
 * exception. Events arrive on an I/O thread; everything that runs route-side is handed to the completion executor.
 */
final class StreamAttempt implements StreamListener {

    private final ChatRun run;
    private final ChatRun.Attempting attempt;
    private final Clock clock;
    private final String what;
    private String generationId;
    private String serverCache;
    private ChatStream stream;
    private boolean failedEarly;
    /** What arrived before the first content delta (a stream may carry no text at all, e.g. only tool calls). */
    private String earlyModel;
    private String earlyProvider;
    private String earlyId;
    private String earlyFinish;
    private dev.llmrouter.camel.wire.Usage earlyUsage;
    /** Everything but the text, from every chunk (before and after the commit). */
    private final StreamFields fields = new StreamFields();
    private final java.util.Queue<Runnable> hops = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger hopping = new java.util.concurrent.atomic.AtomicInteger();
    /** The stream an earlier attempt started and this one continues or restarts (streamRecovery), or null. */
    private final ChatStream continuing;
    /** With {@link #continuing}: whether this attempt starts the answer over rather than continuing it. */
    private final boolean restart;
    /** Set once this attempt has handed its outcome on: later signals (the cancel's own failure) are ignored. */
    private boolean over;
    /** When the last content delta arrived (System.nanoTime), for the stall check. */
    private volatile long lastDelta;
    private volatile java.util.concurrent.Future<?> idleCheck;

    StreamAttempt(ChatRun run, ChatRun.Attempting attempt, Clock clock) {
        this(run, attempt, clock, null, false);
    }

    StreamAttempt(ChatRun run, ChatRun.Attempting attempt, Clock clock, ChatStream continuing, boolean restart) {
        this.run = run;
        this.attempt = attempt;
        this.clock = clock;
        this.what = attempt.link().what();
        this.continuing = continuing;
        this.restart = restart;
        if (continuing != null) {
            // the route's close must reach the call now in flight
            continuing.canceller(this::cancel);
        }
    }

    @Override
    public void onReply(HttpReply reply) {
        // an error status, or a server that ignored stream=true and sent the whole answer as JSON
        hop(() -> {
            ChatResponse response;
            try {
                response = ChatDecoder.decodeChat(reply, what, clock, attempt.link().redactor());
            } catch (LlmRouterException e) {
                run.failed(attempt, e, null);
                return;
            }
            ChatStream whole = continuing != null ? continuing : new ChatStream(null);
            if (continuing != null && restart) {
                whole.restart();
            }
            whole.meta(response.id(), response.model(), response.provider());
            String content = response.firstChoice().message().content();
            if (content != null && !content.isEmpty()) {
                whole.push(content);
            }
            whole.response(response);
            if (continuing != null) {
                // the rescue is recorded before the stream ends, so that its end sees every attempt
                run.answered(attempt, response, reply.header("x-openrouter-cache-status"), whole);
                whole.finish(response.firstChoice().finishReason(), response.usage());
                return;
            }
            whole.finish(response.firstChoice().finishReason(), response.usage());
            run.answered(attempt, response, reply.header("x-openrouter-cache-status"), whole);
        });
    }

    @Override
    public void onOpen(HttpReply head) {
        generationId = head.header("x-generation-id");
        serverCache = head.header("x-openrouter-cache-status");
    }

    @Override
    public void onData(String data) {
        if (failedEarly || over) {
            return;
        }
        ChatResponse chunk;
        try {
            chunk = WireJson.mapper().readValue(data, ChatResponse.class);
        } catch (Exception e) {
            fail(new MalformedResponseException(ErrorInfo.of(
                    "Malformed chunk in the stream of " + what + ": "
                    + attempt.link().redactor().apply(snippet(data)))));
            return;
        }
        if (chunk == null) {
            return;
        }
        try {
            if (chunk.error() != null) {
                throw ErrorMapper.fromDetail(chunk.error(), 502, what, attempt.link().redactor());
            }
            ChatResponse.Choice choice = chunk.firstChoice();
            if (choice != null) {
                ChatDecoder.checkChoice(choice, what, attempt.link().redactor());
            }
        } catch (LlmRouterException e) {
            fail(e);
            return;
        }
        ChatStream s = stream;
        ChatResponse.Choice choice = chunk.firstChoice();
        if (choice != null && generates(choice.delta())) {
            // a delta that carries something (content, reasoning, tool call) shows the provider is generating; the
            // role-only opening chunk ({"role":"assistant","content":""}) that most servers send at once does not
            attempt.handle().firstToken();
            lastDelta = System.nanoTime();
        }
        fields.add(chunk, choice);
        String content = choice == null || choice.delta() == null ? null : choice.delta().content();
        if (s == null && content != null && !content.isEmpty()) {
            s = commit(chunk);
        }
        if (s == null) {
            remember(chunk, choice);
            return;
        }
        if (content != null && !content.isEmpty()) {
            s.push(content);
        }
        if (choice != null && choice.finishReason() != null) {
            s.finishReason(choice.finishReason());
        }
        if (chunk.usage() != null) {
            s.usage(chunk.usage());
        }
    }

    /** Whether a delta carries generated output: text, reasoning, a tool-call fragment, a refusal, an image or audio. */
    static boolean generates(ChatResponse.Delta delta) {
        if (delta == null) {
            return false;
        }
        return notEmpty(delta.content()) || notEmpty(delta.reasoning()) || notEmpty(delta.refusal())
               || delta.reasoningDetails() != null && !delta.reasoningDetails().isEmpty()
               || delta.toolCalls() != null && !delta.toolCalls().isEmpty()
               || delta.images() != null && !delta.images().isEmpty() || delta.audio() != null;
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    private void remember(ChatResponse chunk, ChatResponse.Choice choice) {
        if (chunk.model() != null) {
            earlyModel = chunk.model();
        }
        if (chunk.provider() != null) {
            earlyProvider = chunk.provider();
        }
        if (chunk.id() != null) {
            earlyId = chunk.id();
        }
        if (choice != null && choice.finishReason() != null) {
            earlyFinish = choice.finishReason();
        }
        if (chunk.usage() != null) {
            earlyUsage = chunk.usage();
        }
    }

    private ChatStream commit(ChatResponse chunk) {
        ChatStream s;
        if (continuing != null) {
            s = continuing;
            if (restart) {
                s.restart();
            }
        } else {
            s = new ChatStream(this::cancel);
        }
        s.meta(chunk.id() != null ? chunk.id() : earlyId != null ? earlyId : generationId,
                chunk.model() != null ? chunk.model() : earlyModel,
                chunk.provider() != null ? chunk.provider() : earlyProvider);
        stream = s;
        attempt.handle().firstToken();
        lastDelta = System.nanoTime();
        scheduleIdleCheck(run.idleTimeoutMs());
        ChatStream committed = s;
        hop(() -> run.answered(attempt, null, serverCache, committed));
        return s;
    }

    /** Checks for a stall after {@code delayMs}; re-armed for the rest of the window while deltas keep coming. */
    private void scheduleIdleCheck(long delayMs) {
        if (delayMs <= 0) {
            return;
        }
        try {
            idleCheck = run.schedule(() -> hop(this::checkIdle), delayMs);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the component is stopping: the stream ends anyway
        }
    }

    private void checkIdle() {
        if (attempt.handle().ended()) {
            return;
        }
        long idle = run.idleTimeoutMs();
        long silentMs = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastDelta);
        if (silentMs < idle) {
            scheduleIdleCheck(idle - silentMs);
            return;
        }
        attempt.handle().abandon(new dev.llmrouter.camel.error.StreamStalledException(ErrorInfo.of(
                "The stream of " + what + " stalled: no content delta for " + silentMs + " ms (streamIdleTimeout "
                + idle + " ms)")));
    }

    private void cancel() {
        attempt.handle().cancel();
    }

    @Override
    public void onDone() {
        ChatStream s = stream;
        if (failedEarly || over) {
            return;
        }
        over = true;
        attempt.handle().end();
        cancelIdleCheck();
        if (s == null && continuing != null) {
            // the continuation added no text: the answer ends here
            s = continuing;
            if (restart) {
                s.restart();
            }
            s.meta(earlyId != null ? earlyId : generationId, earlyModel, earlyProvider);
            ChatStream same = s;
            hop(() -> {
                run.answered(attempt, null, serverCache, same);
                same.response(fields.response(same.generationId(), same.model(), same.provider(), earlyFinish,
                        earlyUsage));
                same.finish(earlyFinish, earlyUsage);
            });
            return;
        }
        if (s == null) {
            // a complete answer without any text content: what arrived before [DONE] still counts
            s = new ChatStream(null);
            s.meta(earlyId != null ? earlyId : generationId, earlyModel, earlyProvider);
            s.response(fields.response(s.generationId(), earlyModel, earlyProvider, earlyFinish, earlyUsage));
            s.finish(earlyFinish, earlyUsage);
            ChatStream empty = s;
            hop(() -> run.answered(attempt, null, serverCache, empty));
            return;
        }
        ChatStream done = s;
        Runnable end = () -> {
            done.response(fields.response(done.generationId(), done.model(), done.provider(), done.finishReason(),
                    done.usage()));
            done.finish(null, null);
        };
        if (continuing != null) {
            // after the run has recorded the rescue, so that the stream ends with every attempt
            hop(end);
        } else {
            end.run();
        }
    }

    /**
     * The stream closed without {@code [DONE]}: complete when a {@code finish_reason} arrived (text and usage as
     * far as they came), else the failure (a cut answer is never taken for a whole one).
     */
    @Override
    public void onEndWithoutDone(LlmRouterException failure) {
        ChatStream s = stream;
        boolean finished = s != null ? s.finishReason() != null : earlyFinish != null;
        if (finished && !failedEarly) {
            onDone();
        } else {
            onFailure(failure);
        }
    }

    @Override
    public void onFailure(LlmRouterException failure) {
        if (!failedEarly && !over) {
            fail(failure);
        }
    }

    private void fail(LlmRouterException raised) {
        // a stall or first-token timeout cancels the call: report why, not the cancel
        LlmRouterException failure = attempt.handle().reason(raised);
        ChatStream s = stream;
        cancelIdleCheck();
        attempt.handle().end();
        if (s != null) {
            // committed: the run rescues the stream on another target or model (streamRecovery), else the
            // consumer sees the failure
            over = true;
            attempt.handle().cancel();
            BigDecimal billed = s.usage() == null ? null : s.usage().cost();
            hop(() -> run.streamFailed(attempt, failure, s, billed));
            return;
        }
        failedEarly = true;
        attempt.handle().cancel();
        hop(() -> run.failed(attempt, failure, null));
    }

    private void cancelIdleCheck() {
        java.util.concurrent.Future<?> f = idleCheck;
        if (f != null) {
            f.cancel(false);
        }
    }

    /** Runs a task on the completion executor, in order with this attempt's other tasks and never two at once. */
    private void hop(Runnable task) {
        hops.add(task);
        if (hopping.getAndIncrement() == 0) {
            run.hop(this::drainHops);
        }
    }

    private void drainHops() {
        int missed = 1;
        do {
            Runnable task;
            while ((task = hops.poll()) != null) {
                run.guarded(task);
            }
            missed = hopping.addAndGet(-missed);
        } while (missed != 0);
    }

    private static String snippet(String data) {
        return data.length() > 200 ? data.substring(0, 200) + "..." : data;
    }
}
