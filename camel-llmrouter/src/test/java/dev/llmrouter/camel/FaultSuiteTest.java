package dev.llmrouter.camel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.error.CircuitOpenException;
import dev.llmrouter.camel.error.ConnectionFailedException;
import dev.llmrouter.camel.error.InsufficientCreditsException;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.error.MalformedResponseException;
import dev.llmrouter.camel.error.ModerationException;
import dev.llmrouter.camel.error.NoProviderException;
import dev.llmrouter.camel.error.RateLimitException;
import dev.llmrouter.camel.error.RequestTimeoutException;
import dev.llmrouter.camel.error.UpstreamException;
import dev.llmrouter.camel.routing.ChatStream;
import dev.llmrouter.camel.transport.AsyncHttpTransport;
import dev.llmrouter.test.EmulatorCatalog;
import dev.llmrouter.test.EmulatorFault;
import dev.llmrouter.test.OpenRouterEmulator;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fault suite ("the proof"): for every fault kind, 64 messages are sent concurrently through a route with a
 * dead-letter channel, and for every kind the suite checks that
 * <ul>
 * <li>every message ends exactly once, on {@code mock:ok} or on {@code mock:dead} (the sets of bodies are compared),
 * dead ones with their original body, the expected exception and the attempts header;</li>
 * <li>the server received exactly the configured number of requests (retries) and the waits were as configured;</li>
 * <li>nothing leaks: no leased HTTP connection after the run, no extra llmrouter/Camel threads after the context
 * stopped, no {@code llmrouter-io} thread at all.</li>
 * </ul>
 * The matrix measured in the last run is written to {@code target/fault-matrix.md}; docs/reliability.md explains it.
 */
class FaultSuiteTest {

    static final int MESSAGES = 64;
    static final String CHAT_PATH = "/api/v1/chat/completions";
    static final String MODEL = "openai/gpt-4o-mini";
    /** retryDelay 10 ms (the waits are 5-10 ms, then 10-20 ms), every wait capped at 20 ms (Retry-After too). */
    static final String BASE = "model=" + MODEL + "&maxRetries=2&retryDelay=10&maxRetryDelay=20";
    static final int HUGE_CHARS = 5 * 1024 * 1024;
    static final int THREAD_TOLERANCE = 2;

    static OpenRouterEmulator primary;
    static OpenRouterEmulator backup;
    static WireMockServer wire;
    static BulkServer bulk;
    static final ConcurrentLinkedQueue<String> MATRIX = new ConcurrentLinkedQueue<>();

    enum Server { EMULATOR, WIREMOCK, BLACKHOLE, BULK }

    enum End { OK, DEAD }

    /** What the waits before the retries must look like. */
    enum Waits {
        /** no retry */
        NONE,
        /** exponential backoff with jitter: between retryDelay/2 and maxRetryDelay */
        BACKOFF,
        /** a Retry-After longer than maxRetryDelay: exactly maxRetryDelay */
        CAPPED
    }

    /**
     * One row of the matrix.
     *
     * @param name         the fault
     * @param server       which local server answers
     * @param fault        installs the fault on that server
     * @param options      endpoint options
     * @param stream       stream=true, consumed with split(body()).streaming()
     * @param end          where every message must end
     * @param error        the exception expected on mock:dead
     * @param messagePart  a part of the exception message, or null
     * @param requests     HTTP requests the server must receive per message; -1 when the server cannot count
     * @param attempts     attempts per message in header CamelLlmRouterAttempts
     * @param waits        the waits before retries
     */
    record Case(String name, Server server, Runnable fault, String options, boolean stream, End end,
                Class<? extends LlmRouterException> error, String messagePart, int requests, int attempts,
                Waits waits) {

        @Override
        public String toString() {
            return name;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // servers

    @BeforeAll
    static void startServers() throws IOException {
        primary = OpenRouterEmulator.create(EmulatorCatalog.defaults()).start();
        backup = OpenRouterEmulator.create(EmulatorCatalog.defaults()).start();
        wire = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(320).jettyAcceptQueueSize(512).asynchronousResponseEnabled(false));
        wire.start();
        bulk = new BulkServer("application/json",
                completionJson("x".repeat(HUGE_CHARS)).getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stopServers() throws IOException {
        primary.stop();
        backup.stop();
        wire.stop();
        bulk.close();
        String table = "| case | ok | dead | exception | server requests | attempts/msg | waits (ms) | time (ms) |\n"
                       + "|---|---|---|---|---|---|---|---|\n" + String.join("\n", MATRIX) + "\n";
        Path out = Path.of("target", "fault-matrix.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table, StandardCharsets.UTF_8);
        System.out.println("Fault matrix (also in " + out.toAbsolutePath() + "):\n" + table);
    }

    @BeforeEach
    void resetServers() {
        primary.reset();
        backup.reset();
        wire.resetAll();
        bulk.reset();
    }

    static void emulatorFault(EmulatorFault fault) {
        primary.fault("*", fault);
    }

    static void stub(ResponseDefinitionBuilder answer) {
        wire.stubFor(post(urlEqualTo(CHAT_PATH)).willReturn(answer));
    }

    static String completionJson(String content) {
        return "{\"id\":\"gen-1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"" + MODEL + "\","
               + "\"provider\":\"OpenAI\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"role\":"
               + "\"assistant\",\"content\":\"" + content + "\"}}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":"
               + "2,\"total_tokens\":5,\"cost\":0.00001}}";
    }

    static ResponseDefinitionBuilder okJson() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(completionJson("All good"));
    }

    static String httpDateInOneHour() {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusHours(1));
    }

    // ---------------------------------------------------------------------------------------------------------
    // the matrix

    static Case c(String name, Server server, Runnable fault, String options, boolean stream, End end,
                  Class<? extends LlmRouterException> error, String messagePart, int requests, int attempts, Waits waits) {
        return new Case(name, server, fault, options, stream, end, error, messagePart, requests, attempts, waits);
    }

    static Stream<Case> matrix() {
        Server emu = Server.EMULATOR;
        return Stream.of(
                c("healthy (control)", emu, () -> { }, BASE, false, End.OK, null, null, 1, 1, Waits.NONE),
                c("connection reset", emu, () -> emulatorFault(EmulatorFault.connectionReset()), BASE, false,
                        End.DEAD, ConnectionFailedException.class, null, 3, 3, Waits.BACKOFF),
                c("connect timeout (local port that never accepts, connectTimeout 250 ms)", Server.BLACKHOLE,
                        () -> { }, BASE, false, End.DEAD, ConnectionFailedException.class, "connect in time", -1, 3,
                        Waits.BACKOFF),
                c("read timeout (answer after 1.5 s, requestTimeout 300 ms)", emu,
                        () -> emulatorFault(EmulatorFault.delayOnly(Duration.ofMillis(1500))),
                        BASE + "&requestTimeout=300", false, End.DEAD, RequestTimeoutException.class, "No answer in time",
                        3, 3, Waits.BACKOFF),
                c("slow drip (a 2 s pause between 2 chunks, requestTimeout 250 ms)", Server.WIREMOCK,
                        () -> stub(okJson().withChunkedDribbleDelay(2, 2000)), BASE + "&requestTimeout=250", false,
                        End.DEAD, RequestTimeoutException.class, null, 3, 3, Waits.BACKOFF),
                c("slow drip within requestTimeout (4 chunks over 300 ms, requestTimeout 1 s)", Server.WIREMOCK,
                        () -> stub(okJson().withChunkedDribbleDelay(4, 300)), BASE + "&requestTimeout=1000", false,
                        End.OK, null, null, 1, 1, Waits.NONE),
                c("429 Retry-After: 30 (seconds; capped by maxRetryDelay 20 ms)", emu,
                        () -> emulatorFault(EmulatorFault.status(429).retryAfter("30")), BASE, false, End.DEAD,
                        RateLimitException.class, null, 3, 3, Waits.CAPPED),
                c("429 Retry-After: HTTP date in 1 h (capped by maxRetryDelay 20 ms)", emu,
                        () -> emulatorFault(EmulatorFault.status(429).retryAfter(httpDateInOneHour())), BASE, false,
                        End.DEAD, RateLimitException.class, null, 3, 3, Waits.CAPPED),
                c("500", emu, () -> emulatorFault(EmulatorFault.status(500)), BASE, false, End.DEAD,
                        UpstreamException.class, null, 3, 3, Waits.BACKOFF),
                c("502", emu, () -> emulatorFault(EmulatorFault.status(502)), BASE, false, End.DEAD,
                        UpstreamException.class, null, 3, 3, Waits.BACKOFF),
                c("503 no provider", emu, () -> emulatorFault(EmulatorFault.status(503)
                                .message("No allowed providers are available for the selected model")), BASE, false,
                        End.DEAD, NoProviderException.class, "No allowed providers", 3, 3, Waits.BACKOFF),
                c("524", emu, () -> emulatorFault(EmulatorFault.status(524)), BASE, false, End.DEAD,
                        UpstreamException.class, null, 3, 3, Waits.BACKOFF),
                c("200 malformed JSON", emu, () -> emulatorFault(EmulatorFault.rawBody(200, "application/json",
                                "{\"id\":\"gen-1\",\"choices\":[")), BASE, false, End.DEAD,
                        MalformedResponseException.class, "not valid JSON", 1, 1, Waits.NONE),
                c("200 empty body", emu, () -> emulatorFault(EmulatorFault.rawBody(200, "application/json", "")),
                        BASE, false, End.DEAD, MalformedResponseException.class, "empty body", 1, 1, Waits.NONE),
                c("200 wrong content type (text/html)", emu, () -> emulatorFault(EmulatorFault.rawBody(200,
                                "text/html", "<html><body>Service page</body></html>")), BASE, false, End.DEAD,
                        MalformedResponseException.class, "content type text/html", 1, 1, Waits.NONE),
                c("200 with choices[].error (502)", emu,
                        () -> emulatorFault(EmulatorFault.choiceError(502, "Upstream provider crashed")), BASE, false,
                        End.DEAD, UpstreamException.class, "Upstream provider crashed", 3, 3, Waits.BACKOFF),
                c("402 insufficient credits", emu, () -> emulatorFault(EmulatorFault.status(402)), BASE, false,
                        End.DEAD, InsufficientCreditsException.class, null, 1, 1, Waits.NONE),
                c("403 moderation", emu, () -> emulatorFault(EmulatorFault.status(403).message("Input was flagged")
                                .metadata(Map.of("reasons", List.of("violence")))),
                        BASE, false, End.DEAD, ModerationException.class, "Input was flagged", 1, 1, Waits.NONE),
                c("404 no endpoint", emu, () -> emulatorFault(EmulatorFault.status(404)
                                .message("No endpoints found matching your data policy")), BASE, false, End.DEAD,
                        NoProviderException.class, "No endpoints found", 1, 1, Waits.NONE),
                c("huge answer (5 MiB of content)", Server.BULK, () -> { }, BASE, false, End.OK, null, null, 1, 1,
                        Waits.NONE),
                c("stream: healthy (control)", emu, () -> { }, BASE, true, End.OK, null, null, 1, 1, Waits.NONE),
                c("stream: 500 before the first delta", emu, () -> emulatorFault(EmulatorFault.status(500)), BASE,
                        true, End.DEAD, UpstreamException.class, null, 3, 3, Waits.BACKOFF),
                c("stream: error chunk mid-stream", emu,
                        () -> emulatorFault(EmulatorFault.streamError("Provider died mid-answer")), BASE, true,
                        End.DEAD, UpstreamException.class, "Provider died mid-answer", 1, 1, Waits.NONE),
                c("stream: cut before [DONE]", emu, () -> emulatorFault(EmulatorFault.streamCut()), BASE, true,
                        End.DEAD, MalformedResponseException.class, "ended before data: [DONE]", 1, 1, Waits.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void everyMessageEndsOnceWithTheConfiguredRetriesAndNothingLeaks(Case c) throws Exception {
        c.fault().run();
        Blackhole blackhole = c.server() == Server.BLACKHOLE ? new Blackhole() : null;
        try {
            String base = switch (c.server()) {
                case EMULATOR -> primary.baseUrl();
                case WIREMOCK -> "http://127.0.0.1:" + wire.port() + "/api/v1";
                case BLACKHOLE -> blackhole.baseUrl();
                case BULK -> bulk.baseUrl();
            };
            Run run = new Run(chatUri(base, c.options() + (c.stream() ? "&stream=true" : "")), c.stream(),
                    component -> {
                        // breakers off: they would skip calls once open and make the retry counts vary; the
                        // breaker has its own case (fallbackToASecondTarget...)
                        component.setCircuitBreakerEnabled(false);
                        if (c.server() == Server.BLACKHOLE) {
                            component.setConnectTimeout(250);
                        }
                    });
            Outcome out = run.drive(docs(0, MESSAGES), () -> requestCount(c.server()), c.requests() < 0 ? 0
                    : (long) c.requests() * MESSAGES);

            Set<String> expectOk = c.end() == End.OK ? out.sent() : Set.of();
            Set<String> expectDead = c.end() == End.DEAD ? out.sent() : Set.of();
            assertEquals(expectOk, out.ok(), () -> "messages on mock:ok; failures: " + failures(out));
            assertEquals(expectDead, out.dead(), () -> "messages on mock:dead; failures: " + failures(out));
            if (c.requests() >= 0) {
                assertEquals((long) c.requests() * MESSAGES, out.requests(), "HTTP requests the server received");
            }
            List<Long> waits = new ArrayList<>();
            for (Exchange e : out.deadExchanges()) {
                Throwable caught = e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
                LlmRouterException failure = assertInstanceOf(c.error(), caught, "exception on mock:dead");
                if (c.messagePart() != null) {
                    assertTrue(failure.getMessage().contains(c.messagePart()), failure.getMessage());
                }
                List<Attempt> attempts = attempts(e);
                assertEquals(c.attempts(), attempts.size(), "attempts of " + e.getMessage().getBody() + ": " + attempts);
                if (!failure.getAttempts().isEmpty()) {
                    assertEquals(attempts, failure.getAttempts(), "the exception's attempts are the header's");
                }
                waits.addAll(checkWaits(c.waits(), attempts));
            }
            for (Exchange e : out.okExchanges()) {
                assertEquals(c.attempts(), attempts(e).size(), "attempts of a message on mock:ok");
                assertTrue(e.getMessage().getHeader("answerLength", Integer.class) > 0, "an answer arrived");
                if (c.name().startsWith("huge")) {
                    assertTrue(e.getMessage().getHeader("answerLength", Integer.class) >= HUGE_CHARS);
                }
            }
            if (c.stream() && c.end() == End.DEAD && c.attempts() == 1) {
                // the stream was committed (its first delta arrived, the attempt succeeded) and failed afterwards:
                // no retry, the failure surfaced in the split and reached the dead-letter channel
                for (Exchange e : out.deadExchanges()) {
                    assertEquals(Attempt.Outcome.SUCCESS, attempts(e).get(0).outcome());
                }
            }
            row(c.name(), out, c.error() == null ? "-" : c.error().getSimpleName(), c.attempts(), waits);
        } finally {
            if (blackhole != null) {
                blackhole.close();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // the cases that need more than one row's assertions

    /**
     * A fault that clears after 32 calls: every message succeeds, some after a retry; exactly 64 + 32 requests. With
     * maxRetries 32 no message can run out of retries whatever order the 96 requests arrive in (with 3, a message
     * whose retries all came before the other messages' first requests could, on a loaded machine).
     */
    @Test
    void aFaultThatClearsAfterNCallsLetsEveryMessageSucceedAfterRetries() throws Exception {
        emulatorFault(EmulatorFault.status(503).message("Service overloaded").times(32));
        Run run = new Run(chatUri(primary.baseUrl(), "model=" + MODEL + "&maxRetries=32&retryDelay=10&maxRetryDelay=20"),
                false, component -> component.setCircuitBreakerEnabled(false));
        Outcome out = run.drive(docs(0, MESSAGES), () -> primary.chatRequests().size(), MESSAGES + 32);

        assertEquals(out.sent(), out.ok());
        assertEquals(Set.of(), out.dead());
        assertEquals(MESSAGES + 32, out.requests());
        int retried = 0;
        for (Exchange e : out.okExchanges()) {
            List<Attempt> attempts = attempts(e);
            assertEquals(Attempt.Outcome.SUCCESS, attempts.get(attempts.size() - 1).outcome());
            retried += attempts.size() > 1 ? 1 : 0;
        }
        assertTrue(retried > 0 && retried <= 32, "messages that needed a retry: " + retried);
        row("503 for the first 32 calls only (times(32), maxRetries 32)", out, "-", -1, List.of());
    }

    /**
     * The primary target always fails (500); every message still succeeds via the backup target. The primary's
     * breaker opens on the way, and a second wave of messages never reaches the primary.
     */
    @Test
    void fallbackToASecondTargetAndTheFirstTargetsBreakerOpens() throws Exception {
        emulatorFault(EmulatorFault.status(500).message("Internal error"));
        Run run = new Run("llmrouter:chat?apiKey=" + CamelHarness.API_KEY + "&model=" + MODEL
                          + "&targets=primary,backup&maxRetries=2&retryDelay=10&maxRetryDelay=20", false, component -> {
                              component.addTarget("primary", target(primary.baseUrl()));
                              component.addTarget("backup", target(backup.baseUrl()));
                              component.setCircuitBreakerSlidingWindowSize(10);
                              component.setCircuitBreakerMinimumNumberOfCalls(10);
                              component.setCircuitBreakerFailureRateThreshold(50);
                              component.setCircuitBreakerWaitDuration(60_000);
                          });
        Outcome first = run.drive(docs(0, MESSAGES), () -> primary.chatRequests().size() + backup.chatRequests().size(),
                0, false);
        assertEquals(first.sent(), first.ok());
        assertEquals(Set.of(), first.dead());
        int primaryCalls = primary.chatRequests().size();
        assertEquals(MESSAGES, backup.chatRequests().size(), "each message once at the backup");
        assertTrue(primaryCalls >= 10 && primaryCalls < 3 * MESSAGES,
                "the primary was tried until its breaker opened, not 3 times per message: " + primaryCalls);
        assertEquals("OPEN", run.harness.component.circuitBreakerState("primary"));
        assertEquals("CLOSED", run.harness.component.circuitBreakerState("backup"));
        for (Exchange e : first.okExchanges()) {
            assertEquals("backup", e.getMessage().getHeader(LlmRouterConstants.TARGET));
        }
        row("fallback: primary always 500, backup healthy (wave 1)", first, "-", -1, List.of());

        Outcome second = run.drive(docs(MESSAGES, MESSAGES), () -> primary.chatRequests().size()
                                                                   + backup.chatRequests().size(), 0, true);
        assertEquals(second.sent(), second.ok());
        assertEquals(primaryCalls, primary.chatRequests().size(), "the open breaker skips the primary");
        assertEquals(2 * MESSAGES, backup.chatRequests().size());
        for (Exchange e : second.okExchanges()) {
            List<Attempt> attempts = attempts(e);
            assertEquals(List.of(Attempt.Outcome.SKIPPED, Attempt.Outcome.SUCCESS),
                    attempts.stream().map(Attempt::outcome).toList());
            assertTrue(attempts.get(0).detail().startsWith("circuit breaker open: primary, probed again after "),
                    attempts.get(0).detail());
        }
        row("fallback: wave 2, primary breaker OPEN (primary calls stay " + primaryCalls + ")", second, "-", 2,
                List.of());
    }

    /**
     * A single target with the default breaker (failure rate 50 % over 20 calls, at least 10): once it opens, the
     * remaining attempts are not sent (SKIPPED). A message that had a real answer first ends with that failure
     * (UpstreamException); one that never got to send ends with CircuitOpenException.
     */
    @Test
    void aSingleTargetBehindItsBreakerFailsFastOnceTheBreakerOpens() throws Exception {
        emulatorFault(EmulatorFault.status(500));
        Run run = new Run(chatUri(primary.baseUrl(), BASE), false, component -> { });
        Outcome out = run.drive(docs(0, MESSAGES), () -> primary.chatRequests().size(), 0);
        assertEquals(out.sent(), out.dead());
        int open = 0;
        for (Exchange e : out.deadExchanges()) {
            Throwable caught = e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            assertTrue(caught instanceof UpstreamException || caught instanceof CircuitOpenException, caught.toString());
            @SuppressWarnings("unchecked")
            List<Attempt> attempts = e.getMessage().getHeader(LlmRouterConstants.ATTEMPTS, List.class);
            boolean skipped = attempts != null && attempts.stream().anyMatch(a -> a.outcome() == Attempt.Outcome.SKIPPED);
            open += skipped ? 1 : 0;
        }
        assertTrue(open > 0, "some messages skipped a try on the open breaker");
        assertTrue(out.requests() < 3L * MESSAGES, "fewer requests than without a breaker: " + out.requests());
        assertEquals("OPEN", run.harness.component.circuitBreakerState("openrouter"));
        row("500, single target, default breaker (" + open + " skipped a try on the open breaker)", out,
                "UpstreamException / CircuitOpenException", -1, List.of());
    }

    /** Retry-After: 1 with a cap of 5 s really waits a second (the waitedMs of the attempt, and the clock). */
    @Test
    void retryAfterOneSecondReallyWaitsASecond() throws Exception {
        emulatorFault(EmulatorFault.status(429).message("Rate limit exceeded").retryAfter("1").times(MESSAGES));
        Run run = new Run(chatUri(primary.baseUrl(), "model=" + MODEL + "&maxRetries=2&retryDelay=10&maxRetryDelay=5000"),
                false, component -> component.setCircuitBreakerEnabled(false));
        Outcome out = run.drive(docs(0, MESSAGES), () -> primary.chatRequests().size(), 2 * MESSAGES);
        assertEquals(out.sent(), out.ok());
        assertEquals(2 * MESSAGES, out.requests());
        assertTrue(out.elapsedMs() >= 1000, "the run took " + out.elapsedMs() + " ms");
        // the 64 faults go to the first 64 requests to arrive: usually every message's first attempt, but on a
        // loaded machine a retry (1 s later) can arrive before a slow message's first attempt and take a fault in
        // its place. Either way each 429 is followed by an attempt that waited exactly the second it asked for.
        int retried = 0;
        for (Exchange e : out.okExchanges()) {
            List<Attempt> attempts = attempts(e);
            assertTrue(attempts.size() <= 3, attempts.toString());
            for (int i = 0; i < attempts.size() - 1; i++) {
                assertEquals(429, attempts.get(i).status(), attempts.toString());
                assertEquals(1000, attempts.get(i + 1).waitedMs(), attempts.toString());
            }
            assertEquals(200, attempts.get(attempts.size() - 1).status(), attempts.toString());
            retried += attempts.size() - 1;
        }
        assertEquals(MESSAGES, retried, "one retry per 429 served");
        row("429 Retry-After: 1, maxRetryDelay 5 s, times(64)", out, "-", 2, List.of(1000L));
    }

    // ---------------------------------------------------------------------------------------------------------
    // driving a route

    /** What one wave of messages produced. */
    record Outcome(Set<String> sent, Set<String> ok, Set<String> dead, List<Exchange> okExchanges,
                   List<Exchange> deadExchanges, long requests, long elapsedMs) {
    }

    /**
     * A CamelContext with the route under test: dead-letter channel keeping the original body, llmrouter call, then
     * mock:ok (for streams, the split over the deltas comes first). Threads are counted before it starts and after
     * it stops.
     */
    final class Run {

        final CamelHarness harness;
        final int threadsBefore;
        final java.util.Set<Thread> ioBefore;
        private final AtomicInteger deltas = new AtomicInteger();
        private boolean finished;

        Run(String uri, boolean stream, Consumer<LlmRouterComponent> setup) {
            threadsBefore = ourThreads().size();
            ioBefore = ioThreads();
            harness = new CamelHarness("http://127.0.0.1/unused", setup, new RouteBuilder() {
                @Override
                public void configure() {
                    // useOriginalBody rather than useOriginalMessage: the original body, but the headers as they
                    // were at the failure, so that CamelLlmRouterAttempts reaches the dead-letter channel
                    // doc: docs/reliability.md
                    errorHandler(deadLetterChannel("mock:dead").useOriginalBody());
                    // uri: model=openai/gpt-4o-mini&maxRetries=2&retryDelay=10&maxRetryDelay=20 and the row's options
                    RouteDefinition route = from("direct:in").setHeader("doc", body()).to(uri);
                    if (stream) {
                        route.split(body()).streaming().process(e -> deltas.incrementAndGet()).end();
                    }
                    route.process(FaultSuiteTest::summarize).to("mock:ok");
                    // end doc
                }
            });
        }

        int deltas() {
            return deltas.get();
        }

        /**
         * Sends the documents from 64 threads at once and waits for every send; checks nothing arrives twice,
         * waits for the server to have seen {@code expectRequests} requests (when more than 0), and finishes the
         * run unless {@link #finish()} is left to the caller (any wave but the last).
         */
        Outcome drive(List<String> docs, java.util.function.LongSupplier requests, long expectRequests)
                throws Exception {
            return drive(docs, requests, expectRequests, true);
        }

        Outcome drive(List<String> docs, java.util.function.LongSupplier requests, long expectRequests,
                      boolean last) throws Exception {
            boolean passed = false;
            try {
                Outcome out = wave(docs, requests, expectRequests);
                passed = true;
                return out;
            } finally {
                if (last || !passed) {
                    if (passed) {
                        finish();
                    } else {
                        harness.close();
                    }
                }
            }
        }

        private Outcome wave(List<String> docs, java.util.function.LongSupplier requests, long expectRequests)
                throws Exception {
            MockEndpoint ok = harness.context.getEndpoint("mock:ok", MockEndpoint.class);
            MockEndpoint dead = harness.context.getEndpoint("mock:dead", MockEndpoint.class);
            ok.reset();
            dead.reset();
            ExecutorService senders = Executors.newFixedThreadPool(MESSAGES, r -> {
                Thread t = new Thread(r, "fault-sender");
                t.setDaemon(true);
                return t;
            });
            CountDownLatch go = new CountDownLatch(1);
            long start = System.nanoTime();
            try {
                List<Future<Exchange>> sends = new ArrayList<>();
                for (String doc : docs) {
                    sends.add(senders.submit(() -> {
                        go.await();
                        return harness.template.send("direct:in", e -> e.getMessage().setBody(doc));
                    }));
                }
                go.countDown();
                for (Future<Exchange> f : sends) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                senders.shutdownNow();
            }
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (expectRequests > 0) {
                // the server may record the last requests a moment after the client gave up on them
                poll(2000, () -> requests.getAsLong() >= expectRequests);
            }
            Thread.sleep(100);
            List<Exchange> okEx = List.copyOf(ok.getReceivedExchanges());
            List<Exchange> deadEx = List.copyOf(dead.getReceivedExchanges());
            Set<String> okDocs = new LinkedHashSet<>();
            Set<String> deadDocs = new LinkedHashSet<>();
            for (Exchange e : okEx) {
                assertTrue(okDocs.add(e.getMessage().getHeader("doc", String.class)), "duplicate on mock:ok");
            }
            for (Exchange e : deadEx) {
                Object body = e.getMessage().getBody();
                assertInstanceOf(String.class, body, "the original body on mock:dead");
                assertTrue(deadDocs.add((String) body), "duplicate on mock:dead: " + body);
            }
            Set<String> both = new HashSet<>(okDocs);
            both.retainAll(deadDocs);
            assertEquals(Set.of(), both, "messages that ended on mock:ok and on mock:dead");
            assertEquals(docs.size(), okEx.size() + deadEx.size(), "count in = count out");
            Set<String> sent = new LinkedHashSet<>(docs);
            Set<String> all = new HashSet<>(okDocs);
            all.addAll(deadDocs);
            assertEquals(sent, all, "every message ends somewhere");
            long seen = requests.getAsLong();
            // connections: every one given back to the pool
            AsyncHttpTransport transport = (AsyncHttpTransport) harness.component.runtime().transport();
            assertTrue(poll(2000, () -> transport.leasedConnections() == 0),
                    "leased connections after the run: " + transport.leasedConnections());
            return new Outcome(sent, okDocs, deadDocs, okEx, deadEx, seen, elapsed);
        }

        /** Stops the context; then no llmrouter-io thread and no more llmrouter/Camel threads than before. */
        void finish() {
            if (finished) {
                return;
            }
            finished = true;
            harness.close();
            // threads left over by earlier test classes in the same JVM are not this run's leak
            boolean clean = poll(2000, () -> ourThreads().size() <= threadsBefore + THREAD_TOLERANCE
                                             && ioThreads().stream().allMatch(ioBefore::contains));
            assertTrue(clean, "threads before: " + threadsBefore + ", after stop: " + ourThreads());
        }
    }

    static String chatUri(String baseUrl, String options) {
        return "llmrouter:chat?apiKey=" + CamelHarness.API_KEY + "&baseUrl=" + baseUrl + "&" + options;
    }

    static LlmRouterTarget target(String baseUrl) {
        LlmRouterTarget t = new LlmRouterTarget();
        t.setBaseUrl(baseUrl);
        t.setApiKey(CamelHarness.API_KEY);
        return t;
    }

    static List<String> docs(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> "doc-" + i).toList();
    }

    /** Keeps mock:ok small: the answer becomes its length (a 5 MiB answer times 64 is not kept). */
    static void summarize(Exchange e) {
        Object body = e.getMessage().getBody();
        String text = body instanceof ChatStream s ? s.text() : body == null ? "" : body.toString();
        e.getMessage().setHeader("answerLength", text.length());
        e.getMessage().setBody(text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }

    @SuppressWarnings("unchecked")
    static List<Attempt> attempts(Exchange e) {
        Object header = e.getMessage().getHeader(LlmRouterConstants.ATTEMPTS);
        assertNotNull(header, "header " + LlmRouterConstants.ATTEMPTS);
        return (List<Attempt>) header;
    }

    /** Checks the waits before the retries and returns them. */
    static List<Long> checkWaits(Waits waits, List<Attempt> attempts) {
        List<Long> out = new ArrayList<>();
        assertEquals(0, attempts.get(0).waitedMs(), "no wait before the first attempt");
        for (int i = 1; i < attempts.size(); i++) {
            long w = attempts.get(i).waitedMs();
            out.add(w);
            switch (waits) {
                case NONE -> fail("no retry expected: " + attempts);
                case BACKOFF -> assertTrue(w >= 5 && w <= 20, "backoff wait " + w + " ms in " + attempts);
                case CAPPED -> assertEquals(20, w, "Retry-After capped by maxRetryDelay: " + attempts);
                default -> throw new IllegalStateException();
            }
        }
        return out;
    }

    long requestCount(Server server) {
        return switch (server) {
            case EMULATOR -> primary.chatRequests().size();
            case WIREMOCK -> wire.countRequestsMatching(postRequestedFor(urlEqualTo(CHAT_PATH)).build()).getCount();
            case BLACKHOLE -> 0;
            case BULK -> bulk.requests();
        };
    }

    /** Live threads of the component and of Camel, by name. */
    /** The live HTTP I/O threads of any llmrouter transport. */
    static java.util.Set<Thread> ioThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("llmrouter-io"))
                .collect(java.util.stream.Collectors.toSet());
    }

    static List<String> ourThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("llmrouter") || n.startsWith("Camel")).sorted().toList();
    }

    static boolean poll(long millis, BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** The distinct failures on mock:dead, with how often each occurred (for assertion messages). */
    static String failures(Outcome out) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (Exchange e : out.deadExchanges()) {
            Throwable t = e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            String m = t == null ? "null" : t.getClass().getSimpleName() + ": " + t.getMessage();
            counts.merge(m.length() > 300 ? m.substring(0, 300) : m, 1L, Long::sum);
        }
        return counts.toString();
    }

    static void row(String name, Outcome out, String error, int attempts, List<Long> waits) {
        String w = waits.isEmpty() ? "-" : waits.stream().mapToLong(Long::longValue).min().getAsLong() + "-"
                                           + waits.stream().mapToLong(Long::longValue).max().getAsLong();
        MATRIX.add("| " + name + " | " + out.ok().size() + " | " + out.dead().size() + " | " + error + " | "
                   + (out.requests() == 0 ? "n/a" : out.requests()) + " | " + (attempts < 0 ? "varies" : attempts)
                   + " | " + w + " | " + out.elapsedMs() + " |");
    }
}
