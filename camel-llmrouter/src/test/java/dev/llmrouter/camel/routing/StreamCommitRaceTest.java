package dev.llmrouter.camel.routing;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.llmrouter.camel.protocol.ResultCallback;
import dev.llmrouter.camel.protocol.Target;
import dev.llmrouter.camel.transport.Cancellable;
import dev.llmrouter.camel.transport.HttpCall;
import dev.llmrouter.camel.transport.HttpReply;
import dev.llmrouter.camel.transport.StreamListener;
import dev.llmrouter.camel.transport.Transport;
import dev.llmrouter.camel.wire.ChatMessage;
import dev.llmrouter.camel.wire.ChatRequest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stream whose first content delta commits the run before the transport has even handed back the call's handle
 * (a fast server, and the sending thread descheduled for a moment): the run has finished by then, and that must not
 * be read as "cancel the call", which would cut the answer that is being delivered.
 */
class StreamCommitRaceTest {

    private static final String CHUNK = "{\"id\":\"gen-1\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                                        + "\"delta\":{\"role\":\"assistant\",\"content\":\"%s\"}}]}";

    @Test
    void streamCommittedBeforeTheHandleArrivesIsNotCancelled() {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicReference<StreamListener> listener = new AtomicReference<>();
        Transport transport = new Transport() {
            @Override
            public Cancellable send(HttpCall call, Callback callback) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Cancellable stream(HttpCall call, StreamListener l) {
                listener.set(l);
                l.onOpen(new HttpReply(200, "text/event-stream", Map.of(), new byte[0]));
                l.onData(String.format(CHUNK, "Hel"));
                return () -> cancelled.set(true);
            }

            @Override
            public void close() {
            }
        };
        RoutingPlan plan = new RoutingPlan(List.of(new Target("t", URI.create("http://127.0.0.1:9/v1"), null)),
                new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1), Set.of()), null, List.of(), null, null,
                Map.of());
        // completions run on the calling thread: the commit happens inside transport.stream(), before it returns
        ChatRouter router = new ChatRouter(() -> transport, plan, null, (task, delay) -> null, Runnable::run,
                Clock.systemUTC());
        AtomicReference<ChatStream> stream = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        router.stream(ChatRequest.builder().model("m").messages(List.of(ChatMessage.user("Hi"))).build(),
                new ResultCallback<>() {
                    @Override
                    public void onSuccess(ChatStream result) {
                        stream.set(result);
                    }

                    @Override
                    public void onFailure(RuntimeException e) {
                        failure.set(e);
                    }
                });

        assertNull(failure.get());
        assertNotNull(stream.get());
        assertFalse(cancelled.get(), "the committed stream's call was cancelled");
        listener.get().onData(String.format(CHUNK, "lo"));
        listener.get().onDone();
        StringBuilder text = new StringBuilder();
        stream.get().forEachRemaining(text::append);
        assertEquals("Hello", text.toString());
        assertTrue(stream.get().isComplete());
        assertNull(stream.get().failure());
    }
}
