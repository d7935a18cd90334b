package dev.llmrouter.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Answers are handled on the completion pool, also when every completion thread is busy: never on an I/O thread. */
class CompletionThreadsTest extends EmulatorTestSupport {

    @Test
    void answersWaitForACompletionThreadInsteadOfRunningOnTheIoThread() throws Exception {
        Endpoint endpoint = camel.context.getEndpoint(camel.chat("model=openai/gpt-4o-mini"));
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<Exchange>> calls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Exchange exchange = endpoint.createExchange();
            exchange.getMessage().setBody("Hello " + i);
            calls.add(camel.template.asyncSend(endpoint, exchange).whenComplete((done, failure) -> {
                threads.add(Thread.currentThread().getName());
                try {
                    // keep this completion thread busy, so that the answers arriving meanwhile find none free
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (CompletableFuture<Exchange> call : calls) {
            assertNull(call.get(30, TimeUnit.SECONDS).getException());
        }

        assertEquals(24, EMULATOR.emulator().chatRequests().size());
        assertTrue(threads.stream().allMatch(name -> name.contains("LlmRouterCompletion")), threads.toString());
    }

    /**
     * An idle completion thread waits for work without a timeout (state WAITING, not TIMED_WAITING): Camel's default
     * profile would let core threads time out, and a timed wait costs the kernel a timer after nearly every answer.
     */
    @Test
    void idleCompletionThreadsWaitWithoutTimeout() throws Exception {
        Endpoint endpoint = camel.context.getEndpoint(camel.chat("model=openai/gpt-4o-mini"));
        for (int i = 0; i < 4; i++) {
            assertNull(camel.template.send(endpoint, e -> e.getMessage().setBody("Hello")).getException());
        }
        List<Thread.State> states = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        do {
            states.clear();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().contains("LlmRouterCompletion")) {
                    states.add(t.getState());
                }
            }
            if (!states.isEmpty() && states.stream().allMatch(s -> s == Thread.State.WAITING)) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("completion threads not all WAITING when idle: " + states);
    }
}
