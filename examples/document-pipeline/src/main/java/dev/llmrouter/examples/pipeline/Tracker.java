package dev.llmrouter.examples.pipeline;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.LlmRouterConstants;
import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.usage.SpendStats;
import org.apache.camel.Exchange;

/** Collects one result per document, counts calls in flight and prints a progress line every 10 documents. */
final class Tracker {

    /** One line of results.csv. */
    record Result(String file, String status, TicketClassification classification, String model, BigDecimal cost,
                  boolean escalated, String error) {
    }

    static final int PROGRESS_EVERY = 10;

    private final int total;
    private final LlmRouterComponent component;
    private final PrintStream out;
    private final Map<String, Result> results = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final CountDownLatch allDone;
    /** When the first document was read (the clock of the progress line and the ETA). */
    private final java.util.concurrent.atomic.AtomicLong firstStart = new java.util.concurrent.atomic.AtomicLong();

    Tracker(int total, LlmRouterComponent component, PrintStream out) {
        this.total = total;
        this.component = component;
        this.out = out;
        this.allDone = new CountDownLatch(total);
    }

    void started(Exchange exchange) {
        firstStart.compareAndSet(0, System.nanoTime());
        exchange.setProperty("pipeline.started", true);
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    void classified(Exchange exchange) {
        var msg = exchange.getMessage();
        List<?> attempts = msg.getHeader(LlmRouterConstants.ATTEMPTS, List.class);
        boolean escalated = attempts != null && attempts.stream()
                .anyMatch(a -> a instanceof Attempt at && at.outcome() == Attempt.Outcome.REJECTED);
        finish(exchange, new Result(fileName(exchange), "ok", msg.getBody(TicketClassification.class),
                msg.getHeader(LlmRouterConstants.RESPONSE_MODEL, String.class),
                msg.getHeader(LlmRouterConstants.COST, BigDecimal.ZERO, BigDecimal.class), escalated, ""));
    }

    void failed(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        BigDecimal billed = BigDecimal.ZERO;
        if (e instanceof LlmRouterException le) {
            for (Attempt a : le.getAttempts()) {
                billed = a.cost() == null ? billed : billed.add(a.cost());
            }
        }
        finish(exchange, new Result(fileName(exchange), "failed", null, "", billed, false,
                e == null ? "unknown" : e.getClass().getSimpleName() + ": " + e.getMessage()));
    }

    private void finish(Exchange exchange, Result result) {
        if (results.putIfAbsent(result.file(), result) != null) {
            return;
        }
        if (exchange.getProperty("pipeline.started", false, Boolean.class)) {
            inFlight.decrementAndGet();
        }
        int n = done.incrementAndGet();
        if (n % PROGRESS_EVERY == 0 || n == total) {
            out.println(progressLine(n));
        }
        allDone.countDown();
    }

    String progressLine(int n) {
        double elapsed = elapsedSeconds();
        double eta = n == 0 ? 0 : elapsed / n * (total - n);
        return String.format(java.util.Locale.ROOT, "[%3d/%d] spent $%s  elapsed %.1fs  ETA %.1fs",
                n, total, spentSoFar().setScale(6, RoundingMode.HALF_UP).toPlainString(), elapsed, eta);
    }

    /** What the component has booked so far, over all models (its live spend statistics). */
    BigDecimal spentSoFar() {
        return component.spendStats().snapshot().values().stream().map(SpendStats.Totals::cost)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    boolean await(long seconds) throws InterruptedException {
        return allDone.await(seconds, TimeUnit.SECONDS);
    }

    Map<String, Result> results() {
        return results;
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    double elapsedSeconds() {
        long t0 = firstStart.get();
        return t0 == 0 ? 0 : (System.nanoTime() - t0) / 1e9;
    }

    private static String fileName(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
    }
}
