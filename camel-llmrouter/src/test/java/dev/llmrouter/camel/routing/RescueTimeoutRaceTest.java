package dev.llmrouter.camel.routing;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.llmrouter.camel.error.ConnectionFailedException;
import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.error.RequestTimeoutException;
import dev.llmrouter.camel.protocol.ResultCallback;
import dev.llmrouter.camel.protocol.Target;
import dev.llmrouter.camel.transport.Cancellable;
import dev.llmrouter.camel.transport.HttpCall;
import dev.llmrouter.camel.transport.HttpReply;
import dev.llmrouter.camel.transport.StreamListener;
import dev.llmrouter.camel.transport.Transport;
import dev.llmrouter.camel.wire.ChatMessage;
import dev.llmrouter.camel.wire.ChatRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The total timeout racing the commit of a stream rescue, played step by step: a transport whose events the test
 * sends, a timer whose tasks the test runs, completions on the calling thread. Whichever side wins, the route's
 * stream ends with the {@link RequestTimeoutException} (never a silent, truncated end) and the continuation's call
 * is cancelled (nothing keeps streaming into a stream that has failed).
 */
class RescueTimeoutRaceTest {

    private static final String CHUNK = "{\"id\":\"gen-%d\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                                        + "\"delta\":{\"content\":\"%s\"}}]}";

    /** One streamed call the router made: its listener and whether it was cancelled. */
    private record Call(StreamListener listener, AtomicBoolean cancelled) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final List<Runnable> timerTasks = new ArrayList<>();
    private CircuitBreakers breakers;
    private ChatStream stream;
    private final AtomicReference<LlmRouterException> ended = new AtomicReference<>();
    private final AtomicBoolean endedSilently = new AtomicBoolean();

    @BeforeEach
    void start() {
        Transport transport = new Transport() {
            @Override
            public Cancellable send(HttpCall call, Callback callback) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Cancellable stream(HttpCall call, StreamListener l) {
                Call c = new Call(l, new AtomicBoolean());
                calls.add(c);
                l.onOpen(new HttpReply(200, "text/event-stream", Map.of(), new byte[0]));
                return () -> c.cancelled().set(true);
            }

            @Override
            public void close() {
            }
        };
        RoutingPlan plan = new RoutingPlan(
                List.of(new Target("one", URI.create("http://127.0.0.1:9/v1"), null),
                        new Target("two", URI.create("http://127.0.0.1:10/v1"), null)),
                new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1), Set.of()), Duration.ofMinutes(10),
                List.of(), null, null, Map.of(), HttpCall.DEFAULT_MAX_RESPONSE_SIZE, null, null,
                new StreamPolicy(null, Duration.ZERO, StreamPolicy.Recovery.CONTINUE));
        breakers = new CircuitBreakers(true, 50, 10, 10, Duration.ofMinutes(1), 1);
        Scheduler timer = (task, delay) -> {
            timerTasks.add(task);
            return new CompletableFuture<Void>();
        };
        ChatRouter router = new ChatRouter(() -> transport, plan, breakers, timer, Runnable::run, Clock.systemUTC());
        router.stream(ChatRequest.builder().model("m").messages(List.of(ChatMessage.user("Hi"))).build(),
                new ResultCallback<>() {
                    @Override
                    public void onSuccess(ChatStream result) {
                        stream = result;
                    }

                    @Override
                    public void onFailure(RuntimeException e) {
                        throw new AssertionError("the stream was not delivered", e);
                    }
                });
        // the first target commits the stream, then its connection is cut: the rescue is sent to target two
        calls.get(0).listener().onData(String.format(CHUNK, 1, "Hel"));
        assertNotNull(stream);
        stream.onEnd((s, failure) -> {
            ended.set(failure);
            endedSilently.set(failure == null);
        });
        calls.get(0).listener().onFailure(new ConnectionFailedException(ErrorInfo.of("connection reset")));
        assertEquals(2, calls.size(), "the rescue was sent to target two");
    }

    /** The total timeout task scheduled for the rescue (the first one was cancelled when the stream committed). */
    private Runnable rescueTimeout() {
        return timerTasks.get(timerTasks.size() - 1);
    }

    private void assertTheRouteSeesTheTimeout() {
        assertEquals("Hel", stream.next());
        RequestTimeoutException e = assertThrows(RequestTimeoutException.class, stream::hasNext);
        assertTrue(e.getMessage().contains("totalTimeout"), e.getMessage());
        assertInstanceOf(RequestTimeoutException.class, ended.get(), "the end hooks saw the timeout");
        assertFalse(endedSilently.get());
        assertFalse(stream.isClosed(), "the route's stream was not closed behind its back");
        assertTrue(calls.get(1).cancelled().get(), "the continuation's call was cancelled");
    }

    @Test
    void theTimeoutWinsThenTheContinuationCommits() {
        rescueTimeout().run();
        assertTrue(calls.get(1).cancelled().get(), "the timeout aborted the rescue in flight");
        // the first delta was already on its way when the cancel came
        calls.get(1).listener().onData(String.format(CHUNK, 2, "lo"));
        calls.get(1).listener().onFailure(new ConnectionFailedException(ErrorInfo.of("cancelled")));

        assertTheRouteSeesTheTimeout();
    }

    @Test
    void theContinuationCommitsThenTheTimeoutFailsTheRunBeforeTheRescueIsDone() {
        // the timeout fires just after the commit took the attempt (while the breaker is told of the success)
        CircuitBreaker two = breakers.registry().getAllCircuitBreakers().stream()
                .filter(cb -> "two".equals(cb.getTags().get(CircuitBreakers.TAG_TARGET))).findFirst().orElseThrow();
        AtomicBoolean fired = new AtomicBoolean();
        two.getEventPublisher().onSuccess(event -> {
            if (fired.compareAndSet(false, true)) {
                rescueTimeout().run();
            }
        });
        calls.get(1).listener().onData(String.format(CHUNK, 2, "lo"));
        assertTrue(fired.get());
        assertTrue(calls.get(1).cancelled().get(), "the continuation's call was cancelled");
        calls.get(1).listener().onData(String.format(CHUNK, 2, " world"));
        calls.get(1).listener().onFailure(new ConnectionFailedException(ErrorInfo.of("cancelled")));

        assertTheRouteSeesTheTimeout();
    }
}
