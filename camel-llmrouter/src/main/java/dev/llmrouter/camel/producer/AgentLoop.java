package dev.llmrouter.camel.producer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.camel.LlmRouterConfiguration;
import dev.llmrouter.camel.LlmRouterEndpoint;
import dev.llmrouter.camel.LlmRouterLoopStop;
import dev.llmrouter.camel.LlmRouterOnToolError;
import dev.llmrouter.camel.LlmRouterOnUnknownTool;
import dev.llmrouter.camel.LlmRouterToolStep;
import dev.llmrouter.camel.agent.LlmRouterTool;
import dev.llmrouter.camel.agent.RouteTool;
import dev.llmrouter.camel.agent.ToolCatalog;
import dev.llmrouter.camel.error.BudgetExceededException;
import dev.llmrouter.camel.error.LocalRateLimitException;
import dev.llmrouter.camel.error.LoopLimitException;
import dev.llmrouter.camel.error.ToolExecutionException;
import dev.llmrouter.camel.plan.Overrides;
import dev.llmrouter.camel.plan.RequestTemplate;
import dev.llmrouter.camel.protocol.ResultCallback;
import dev.llmrouter.camel.routing.ChatOutcome;
import dev.llmrouter.camel.support.CostAssembly;
import dev.llmrouter.camel.wire.ChatMessage;
import dev.llmrouter.camel.wire.ChatRequest;
import dev.llmrouter.camel.wire.ChatResponse;
import dev.llmrouter.camel.wire.ToolCall;
import dev.llmrouter.camel.wire.Usage;
import dev.llmrouter.camel.wire.WireJson;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;

/**
 * The agent loop of one exchange: asks the model, runs the tools it calls, sends their answers back, and asks
 * again until the model answers without tool calls. Every model call goes the normal way (admission against
 * maxCostPerRequest and the budget, the router, settlement and the usage report); before each one the loop's caps
 * are checked (maxLoopCost as a second ceiling on the call's worst case, maxLoopTokens by lowering max_tokens,
 * maxLoopDuration), so a loop never spends past them; maxToolIterations bounds the tool rounds. What happens when
 * a cap is reached is loopStop's choice. The message keeps its body until the final answer is written; a failure
 * leaves it as it was.
 * <p>
 * Nothing blocks: tools run on the tool executor (route tools) or return stages (beans), tool timeouts are timer
 * tasks, and the loop goes on on the completion executor.
 */
public final class AgentLoop {

    private final LlmRouterEndpoint endpoint;
    private final LlmRouterConfiguration config;
    private final Exchange exchange;
    private final AsyncCallback callback;
    private final RequestTemplate template;
    private final Overrides overrides;
    private final Bookkeeper book;
    private final ToolCatalog.Snapshot tools;
    private final Set<String> definitionsOnly;
    private final ChatRequest base;
    private final List<ChatMessage> messages;
    private final List<ChatMessage> transcript = new ArrayList<>();
    private final List<LlmRouterToolStep> trace = new ArrayList<>();
    private long started;
    private final AtomicBoolean completed = new AtomicBoolean();
    private final Executor continuation;

    private BigDecimal billed = BigDecimal.ZERO;
    private boolean billedKnown;
    private long tokens;
    private Integer promptSum;
    private Integer completionSum;
    private Integer totalSum;
    private Integer cachedSum;
    private int iterations;
    private String stopped;
    private Consumer<List<ChatMessage>> onTranscript;

    /**
     * @param planned the planned request (messages, options and the non-executable tool definitions)
     * @param tools   the tools this loop runs with
     */
    public AgentLoop(LlmRouterEndpoint endpoint, Exchange exchange, AsyncCallback callback, RequestTemplate template,
                     Overrides overrides, ChatRequest planned, ToolCatalog.Snapshot tools) {
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
        this.exchange = exchange;
        this.callback = callback;
        this.template = template;
        this.overrides = overrides;
        this.book = endpoint.callBook();
        this.tools = tools;
        this.continuation = endpoint.getComponent().runtime().completion();
        List<Object> all = new ArrayList<>();
        if (planned.tools() != null) {
            all.addAll(planned.tools());
        }
        this.definitionsOnly = names(all);
        all.addAll(tools.definitions());
        this.base = planned.toBuilder().tools(all.isEmpty() ? null : all).build();
        this.messages = new ArrayList<>(planned.messages());
    }

    /** The function names of tool definitions sent as they are (maps, objects or JSON of OpenAI's shape). */
    private static Set<String> names(List<Object> definitions) {
        Set<String> out = new HashSet<>();
        for (Object d : definitions) {
            try {
                JsonNode node = d instanceof CharSequence s ? WireJson.mapper().readTree(s.toString())
                        : WireJson.mapper().valueToTree(d);
                String name = node.path("function").path("name").asText(null);
                if (name != null) {
                    out.add(name);
                }
            } catch (Exception e) {
                // not a definition we can read: its calls count as unknown tools
            }
        }
        return out;
    }

    /**
     * The messages the loop appended after the request's own, in order: each assistant message with tool calls,
     * the tool messages answering them, and the final assistant message (once the loop has ended with an answer).
     */
    public List<ChatMessage> transcript() {
        synchronized (transcript) {
            return List.copyOf(transcript);
        }
    }

    /**
     * Hands the transcript to {@code listener} when the loop ends with an answer, before the exchange completes
     * (e.g. to a conversation store). Set before {@link #start()}.
     */
    public AgentLoop onTranscript(Consumer<List<ChatMessage>> listener) {
        this.onTranscript = listener;
        return this;
    }

    /** Sends the first model call; throws, with nothing sent, when it is refused at once. */
    public void start() {
        started = System.nanoTime();
        step(false);
    }

    // ---- one model call

    private void step(boolean finalAnswer) {
        ChatRequest request = base.withMessages(List.copyOf(messages));
        if (finalAnswer) {
            request = fitTokens(request.toBuilder().toolChoice("none").build(), true);
            if (request == null) {
                throw limit("maxLoopTokens", null, "stopped by " + stopped + ", even a final answer without tools"
                        + " cannot fit in what is left", null);
            }
            request = fitCost(request);
        } else {
            String reason = durationPassed() ? "maxLoopDuration" : null;
            ChatRequest fitted = reason == null ? fitTokens(request, false) : null;
            if (fitted == null) {
                stop(reason != null ? reason : "maxLoopTokens", null, null);
                return;
            }
            request = fitted;
        }
        Bookkeeper.Entry entry;
        BigDecimal allowance = allowance();
        try {
            entry = book.open(exchange, request, overrides, book.waitsWhenRateLimited(), allowance);
        } catch (LocalRateLimitException e) {
            if (!book.waitsWhenRateLimited() || e.getRetryAfterMillis() < 0) {
                throw e;
            }
            // onRateLimited=wait: admitted again when the next minute starts, as a plain call is
            boolean last = finalAnswer;
            new RateWait(endpoint, exchange, callback, request, overrides, allowance, admitted -> send(admitted, last))
                    .later(e);
            return;
        } catch (LoopLimitException e) {
            if (finalAnswer) {
                throw limit("maxLoopCost", e.getNeeded(), "stopped by " + stopped + ", even a final answer without"
                        + " tools cannot fit in what is left", null);
            }
            stop("maxLoopCost", e.getNeeded(), null);
            return;
        } catch (BudgetExceededException e) {
            if (iterations == 0 || finalAnswer) {
                throw e;
            }
            stop("budget", null, e);
            return;
        }
        send(entry, finalAnswer);
    }

    /** Sends an admitted call; if the router refuses to start, the booking is closed and the failure thrown. */
    private void send(Bookkeeper.Entry entry, boolean finalAnswer) {
        try {
            endpoint.router().chat(entry.request(), entry.escalate(), new Step(entry, finalAnswer));
        } catch (RuntimeException e) {
            entry.failed(e);
            throw e;
        }
    }

    /**
     * A cap is reached before the next call: with loopStop=finalAnswer the model is asked once more without tools
     * (once); else the loop fails.
     */
    private void stop(String reason, BigDecimal needed, RuntimeException cause) {
        boolean first = stopped == null;
        if (first) {
            stopped = reason;
        }
        if (!first || config.getLoopStop() == LlmRouterLoopStop.fail) {
            throw limit(reason, needed, null, cause);
        }
        step(true);
    }

    private LoopLimitException limit(String reason, BigDecimal needed, String detail, RuntimeException cause) {
        BigDecimal limit = null;
        BigDecimal used = null;
        switch (reason) {
            case "maxLoopCost" -> {
                limit = config.getMaxLoopCost();
                used = billed;
            }
            case "maxLoopTokens" -> {
                limit = BigDecimal.valueOf(config.getMaxLoopTokens());
                used = BigDecimal.valueOf(tokens);
            }
            case "maxLoopDuration" -> {
                limit = BigDecimal.valueOf(config.getMaxLoopDuration());
                used = BigDecimal.valueOf(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
            case "maxToolIterations" -> {
                limit = BigDecimal.valueOf(config.getMaxToolIterations());
                used = BigDecimal.valueOf(iterations);
            }
            default -> used = billed;
        }
        return new LoopLimitException(reason, limit, used, needed, iterations, detail, cause);
    }

    private boolean durationPassed() {
        long max = config.getMaxLoopDuration();
        return max > 0 && TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) >= max;
    }

    /** What is left of maxLoopCost for the next call, or null without one. */
    private BigDecimal allowance() {
        BigDecimal max = config.getMaxLoopCost();
        return max == null ? null : max.subtract(billed).max(BigDecimal.ZERO);
    }

    /**
     * The request if its estimated prompt plus max_tokens fits in what is left of maxLoopTokens; null when it does
     * not. A step of the loop with max_tokens keeps it whole (so that the final answer after the stop still has
     * room); the final answer, or a step without max_tokens, gets max_tokens lowered to what is left (null when not
     * even one completion token fits). The request itself without maxLoopTokens.
     */
    private ChatRequest fitTokens(ChatRequest request, boolean lower) {
        Long max = config.getMaxLoopTokens();
        if (max == null) {
            return request;
        }
        long left = max - tokens - CostAssembly.tokens().estimate(request);
        Integer asked = request.maxTokens();
        if (asked != null && asked <= left) {
            return request;
        }
        if (left < 1 || asked != null && !lower) {
            return null;
        }
        return request.toBuilder().maxTokens((int) Math.min(left, Integer.MAX_VALUE)).build();
    }

    /**
     * The final answer's request with max_tokens lowered (by bisection over the same worst case admission uses)
     * until it fits in what is left of maxLoopCost; unchanged when it fits already or cannot fit at all (admission
     * then refuses it).
     */
    private ChatRequest fitCost(ChatRequest request) {
        BigDecimal allowance = allowance();
        BigDecimal worst = allowance == null ? null : book.worstCase(request);
        if (worst == null || worst.compareTo(allowance) <= 0) {
            return request;
        }
        int lo = 1;
        int hi = request.maxTokens() != null ? request.maxTokens() : 1 << 21;
        if (book.worstCase(request.toBuilder().maxTokens(lo).build()).compareTo(allowance) > 0) {
            return request;
        }
        while (lo < hi) {
            int mid = lo + (hi - lo + 1) / 2;
            if (book.worstCase(request.toBuilder().maxTokens(mid).build()).compareTo(allowance) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return request.toBuilder().maxTokens(lo).build();
    }

    // ---- one model answer

    /** The answer of one model call: books it, then ends the loop or runs the tools it calls. */
    private final class Step implements ResultCallback<ChatOutcome> {
        private final Bookkeeper.Entry entry;
        private final boolean finalAnswer;

        Step(Bookkeeper.Entry entry, boolean finalAnswer) {
            this.entry = entry;
            this.finalAnswer = finalAnswer;
        }

        @Override
        public void onSuccess(ChatOutcome outcome) {
            try {
                answered(entry, outcome, finalAnswer);
            } catch (RuntimeException e) {
                failLoop(e);
            }
        }

        @Override
        public void onFailure(RuntimeException failure) {
            if (completed.compareAndSet(false, true)) {
                writeLoopHeaders(null);
                ExchangeCompletion.fail(exchange, callback, entry, failure);
            }
        }
    }

    private void answered(Bookkeeper.Entry entry, ChatOutcome outcome, boolean finalAnswer) {
        BigDecimal served = entry.served(outcome, null);
        // a call without a known cost counts at its worst case: the cap must hold
        BigDecimal cost = served == null && config.getMaxLoopCost() != null ? entry.worstCase() : served;
        count(outcome.response().usage(), cost);
        ChatResponse.Choice choice = outcome.response().firstChoice();
        ChatResponse.AssistantMessage answer = choice == null ? null : choice.message();
        List<ToolCall> calls = answer == null || answer.toolCalls() == null ? List.of() : answer.toolCalls();
        Integer cached = cached(outcome.response().usage());
        if (finalAnswer || calls.isEmpty() || calls.stream().anyMatch(c -> definitionsOnly.contains(name(c)))) {
            // the model finished, or called a tool the loop does not run: its calls go out in CamelLlmRouterToolCalls
            traceStep(outcome, List.of(), cost, cached);
            finish(outcome, answer);
            return;
        }
        if (iterations >= config.getMaxToolIterations()) {
            traceStep(outcome, List.of(), cost, cached);
            stop("maxToolIterations", null, null);
            return;
        }
        ChatMessage asked = new ChatMessage("assistant", answer.content(), null, null, calls, answer.reasoning(),
                answer.reasoningDetails());
        runTools(calls).whenCompleteAsync((results, failure) -> {
            try {
                if (failure != null) {
                    // the call was billed: it is in the trace, without the tool results that never came
                    traceStep(outcome, List.of(), cost, cached);
                    Throwable cause = unwrap(failure);
                    throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
                }
                List<LlmRouterToolStep.Call> ran = new ArrayList<>();
                List<ChatMessage> appended = new ArrayList<>();
                appended.add(asked);
                for (int i = 0; i < calls.size(); i++) {
                    ToolResult r = results.get(i);
                    appended.add(ChatMessage.tool(calls.get(i).id(), r.text()));
                    ran.add(new LlmRouterToolStep.Call(name(calls.get(i)), calls.get(i).id(), r.text().length(),
                            r.failed()));
                }
                messages.addAll(appended);
                synchronized (transcript) {
                    transcript.addAll(appended);
                }
                iterations++;
                traceStep(outcome, ran, cost, cached);
                step(false);
            } catch (RuntimeException e) {
                failLoop(e);
            }
        }, continuation).whenComplete((ignored, rejected) -> {
            if (rejected != null) {
                // the completion executor refused the next step (the component is stopping): end the exchange
                failLoop(new IllegalStateException("The agent loop could not go on: " + rejected, rejected));
            }
        });
    }

    /** Adds the trace entry of one model call. */
    private void traceStep(ChatOutcome outcome, List<LlmRouterToolStep.Call> ran, BigDecimal cost, Integer cached) {
        trace.add(new LlmRouterToolStep(trace.size() + 1, outcome.response().model(), ran, cost, cached));
    }

    private void count(Usage usage, BigDecimal cost) {
        if (cost != null) {
            billed = billed.add(cost);
            billedKnown = true;
        }
        if (usage == null) {
            return;
        }
        promptSum = add(promptSum, usage.promptTokens());
        completionSum = add(completionSum, usage.completionTokens());
        Long known = Bookkeeper.totalTokens(usage);
        Integer total = known == null ? null : Integer.valueOf(known.intValue());
        totalSum = add(totalSum, total);
        if (total != null) {
            tokens += total;
        }
        cachedSum = add(cachedSum, cached(usage));
    }

    private static Integer cached(Usage usage) {
        return usage == null || usage.promptTokensDetails() == null ? null
                : usage.promptTokensDetails().cachedTokens();
    }

    private static Integer add(Integer a, Integer b) {
        return a == null ? b : b == null ? a : Integer.valueOf(a + b);
    }

    private static String name(ToolCall call) {
        return call.function() == null ? null : call.function().name();
    }

    // ---- tools

    /** A tool message's text and whether it reports a failure. */
    private record ToolResult(String text, boolean failed) {
    }

    /** Runs the calls (at once, or one after the other), each completing with its tool message. */
    private CompletableFuture<List<ToolResult>> runTools(List<ToolCall> calls) {
        List<CompletableFuture<ToolResult>> results = new ArrayList<>(calls.size());
        if (config.isParallelToolExecution()) {
            for (ToolCall call : calls) {
                results.add(runTool(call));
            }
        } else {
            CompletableFuture<ToolResult> previous = CompletableFuture.completedFuture(null);
            for (ToolCall call : calls) {
                previous = previous.thenCompose(ignored -> runTool(call));
                results.add(previous);
            }
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> results.stream().map(CompletableFuture::join).toList());
    }

    /** One call: its answer, or the error text (reprompt), or a ToolExecutionException (fail). */
    private CompletableFuture<ToolResult> runTool(ToolCall call) {
        String name = name(call);
        String id = call.id();
        LlmRouterTool tool = name == null ? null : tools.tools().get(name);
        if (tool == null) {
            String text = "Unknown tool '" + name + "'. The tools are: " + String.join(", ", tools.tools().keySet())
                          + ".";
            if (config.getOnUnknownTool() == LlmRouterOnUnknownTool.fail) {
                return CompletableFuture.failedFuture(new ToolExecutionException(String.valueOf(name), id,
                        "the model called a tool that does not exist (onUnknownTool=fail); the tools are: "
                        + String.join(", ", tools.tools().keySet()), null));
            }
            return CompletableFuture.completedFuture(new ToolResult(text, true));
        }
        String arguments = call.function().arguments() == null || call.function().arguments().isBlank() ? "{}"
                : call.function().arguments();
        CompletableFuture<String> answer = new CompletableFuture<>();
        try {
            CompletionStage<String> stage = tool instanceof RouteTool r ? r.invoke(arguments, exchange, id)
                    : tool.invoke(arguments, exchange);
            stage.whenComplete((text, failure) -> {
                if (failure != null) {
                    answer.completeExceptionally(failure);
                } else {
                    answer.complete(text == null ? "" : text);
                }
            });
        } catch (Throwable e) {
            answer.completeExceptionally(e);
        }
        long timeout = config.getToolTimeout();
        if (timeout > 0 && !answer.isDone()) {
            Future<?> timer = endpoint.getComponent().runtime().schedule(() -> answer.completeExceptionally(
                    new TimeoutException("no answer within toolTimeout " + timeout + " ms")), timeout);
            answer.whenComplete((t, f) -> timer.cancel(false));
        }
        return answer.handle((text, failure) -> {
            if (failure == null) {
                return new ToolResult(text, false);
            }
            Throwable cause = unwrap(failure);
            if (config.getOnToolError() == LlmRouterOnToolError.fail) {
                throw new ToolExecutionException(name, id, "failed (onToolError=fail): " + describe(cause), cause);
            }
            return new ToolResult("Error: the tool " + name + " failed: " + describe(cause), true);
        });
    }

    /** The failure a stage completed with, without CompletionException's wrapping. */
    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    // ---- the end

    private void finish(ChatOutcome outcome, ChatResponse.AssistantMessage answer) {
        if (!completed.compareAndSet(false, true)) {
            return;
        }
        try {
            LlmRouterBinding.writeAnswer(exchange.getMessage(), outcome, template);
            if (answer != null) {
                synchronized (transcript) {
                    transcript.add(new ChatMessage("assistant", answer.content(), null, null,
                            answer.toolCalls() == null || answer.toolCalls().isEmpty() ? null : answer.toolCalls(),
                            answer.reasoning(), answer.reasoningDetails()));
                }
            }
            writeLoopHeaders(sums());
            if (onTranscript != null) {
                onTranscript.accept(transcript());
            }
        } catch (RuntimeException e) {
            exchange.setException(e);
        } finally {
            callback.done(false);
        }
    }

    private LlmRouterBinding.LoopSums sums() {
        return new LlmRouterBinding.LoopSums(billedKnown ? billed : null, promptSum, completionSum, totalSum,
                cachedSum);
    }

    private void writeLoopHeaders(LlmRouterBinding.LoopSums sums) {
        LlmRouterBinding.writeLoop(exchange.getMessage(), iterations, trace, stopped, sums);
    }

    /** Fails the exchange after a call was booked (a tool failure, a cap with loopStop=fail, a refusal). */
    private void failLoop(RuntimeException failure) {
        if (!completed.compareAndSet(false, true)) {
            return;
        }
        try {
            writeLoopHeaders(null);
            LlmRouterBinding.writeFailure(exchange, failure);
        } finally {
            callback.done(false);
        }
    }
}
