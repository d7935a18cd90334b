package dev.llmrouter.camel.routing;

import java.time.Clock;

import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.error.MalformedResponseException;
import dev.llmrouter.camel.transport.ErrorMapper;
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

    StreamAttempt(ChatRun run, ChatRun.Attempting attempt, Clock clock) {
        this.run = run;
        this.attempt = attempt;
        this.clock = clock;
        this.what = attempt.link().what();
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
            ChatStream whole = new ChatStream(null);
            whole.meta(response.id(), response.model(), response.provider());
            String content = response.firstChoice().message().content();
            if (content != null && !content.isEmpty()) {
                whole.push(content);
            }
            whole.response(response);
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
        if (failedEarly) {
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
        ChatStream s = new ChatStream(this::cancel);
        s.meta(chunk.id() != null ? chunk.id() : earlyId != null ? earlyId : generationId,
                chunk.model() != null ? chunk.model() : earlyModel,
                chunk.provider() != null ? chunk.provider() : earlyProvider);
        stream = s;
        ChatStream committed = s;
        hop(() -> run.answered(attempt, null, serverCache, committed));
        return s;
    }

    private void cancel() {
        attempt.handle().cancel();
    }

    @Override
    public void onDone() {
        ChatStream s = stream;
        if (failedEarly) {
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
        s.response(fields.response(s.generationId(), s.model(), s.provider(), s.finishReason(), s.usage()));
        s.finish(null, null);
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
        if (!failedEarly) {
            fail(failure);
        }
    }

    private void fail(LlmRouterException failure) {
        ChatStream s = stream;
        if (s != null) {
            // committed: the consumer sees the failure; no fallback once content has been delivered
            s.fail(failure);
            attempt.handle().cancel();
            return;
        }
        failedEarly = true;
        attempt.handle().cancel();
        hop(() -> run.failed(attempt, failure, null));
    }

    private void hop(Runnable task) {
        run.hop(task);
    }

    private static String snippet(String data) {
        return data.length() > 200 ? data.substring(0, 200) + "..." : data;
    }
}
