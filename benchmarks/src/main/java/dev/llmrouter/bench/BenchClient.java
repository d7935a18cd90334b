package dev.llmrouter.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One way of making the benchmark's chat call. Every client does the same work: it sends the same prompt (a system
 * and a user message, temperature and max_tokens), parses the answer, and reads its content and total tokens.
 */
interface BenchClient extends AutoCloseable {

    String MODEL = "openai/gpt-4o-mini";
    String SYSTEM = "You are a helpful assistant.";
    String PROMPT = "What is Apache Camel? Answer in two sentences.";
    double TEMPERATURE = 0.2;
    int MAX_TOKENS = 256;
    String API_KEY = "sk-bench-not-a-real-key";

    /** Receives the outcome of one call, on whatever thread the client completes on. */
    interface Done {
        void done(String content, long totalTokens, Throwable failure);
    }

    String name();

    /** Starts one call; must not block the caller for the length of the call. */
    void send(Done done);

    @Override
    void close() throws Exception;

    /** A fixed pool of daemon threads, all started now, so that a round never counts their start. */
    static ExecutorService fixedPool(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        java.util.concurrent.ThreadPoolExecutor pool =
                (java.util.concurrent.ThreadPoolExecutor) Executors.newFixedThreadPool(threads, factory);
        pool.prestartAllCoreThreads();
        return pool;
    }
}
