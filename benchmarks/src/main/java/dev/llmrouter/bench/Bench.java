package dev.llmrouter.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.camel.LlmRouterConstants;
import dev.llmrouter.camel.routing.ChatStream;
import org.apache.camel.Exchange;

/**
 * The benchmark driver. One JVM per mode, started by run.sh against a stub server in another JVM:
 * <pre>
 *   calls    &lt;port&gt; &lt;n&gt; &lt;reps&gt; &lt;concurrencies&gt; &lt;out.md&gt;   per-call figures of every client
 *   failover &lt;port&gt; &lt;n&gt; &lt;reps&gt; &lt;out.md&gt;                  primary answering 503, then with its breaker open
 *   stream   &lt;port&gt; &lt;n&gt; &lt;out.md&gt;                         time to first delta
 *   scale    &lt;port&gt; &lt;client&gt; &lt;count&gt; &lt;delayMs&gt; &lt;out.md&gt;  count calls in flight at once
 * </pre>
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        String root = "http://127.0.0.1:" + port;
        switch (mode) {
            case "calls" -> calls(root, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Table.ints(args[4]),
                    Path.of(args[5]));
            case "failover" -> failover(root, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
            case "stream" -> stream(root, Integer.parseInt(args[2]), Path.of(args[3]));
            case "scale" -> scale(root, args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Path.of(args[5]));
            case "profile" -> profile(root, args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        if (FAILED_ROUNDS.get() > 0) {
            System.err.println(FAILED_ROUNDS.get() + " round(s) had failed calls: the figures above are not valid");
            System.exit(3);
        }
        System.exit(0);
    }

    // ------------------------------------------------------------------------------------------------ calls

    static void calls(String root, int n, int reps, int[] concurrencies, Path out) throws Exception {
        String ok = root + "/ok/v1";
        int pool = Arrays.stream(concurrencies).max().orElse(64);
        List<BenchClient> clients = new ArrayList<>();
        List<String> only = selected();
        // the HC5 floor is always there: every ratio is to it
        clients.add(new Hc5FloorClient(Table.FLOOR, ok, pool));
        if (only.contains("floor2")) {
            // the control: the floor against itself shows what this machine's noise alone does to a ratio
            clients.add(new Hc5FloorClient("floor (HC5), a second instance", ok, pool));
        }
        if (only.isEmpty() || only.contains("jdk")) {
            clients.add(new FloorClient("JDK floor", ok, pool));
        }
        if (only.isEmpty() || only.contains("jdk-async")) {
            clients.add(new FloorClient("JDK floor, sendAsync", ok, 0));
        }
        LlmRouterClient router = null;
        if (only.isEmpty() || only.contains("llmrouter") || only.contains("template")) {
            router = LlmRouterClient.direct("llmrouter", ok, "", c -> { });
        }
        if (only.isEmpty() || only.contains("llmrouter")) {
            clients.add(router);
        }
        if (only.contains("inline")) {
            // not a default: the component never completes on an I/O thread unless its completionExecutor says so
            clients.add(LlmRouterClient.direct("llmrouter, completing on the I/O thread", ok, "",
                    c -> c.setCompletionExecutor(new org.apache.camel.util.concurrent.SynchronousExecutorService())));
        }
        if (only.isEmpty() || only.contains("template")) {
            clients.add(router.viaTemplate("llmrouter, ProducerTemplate.asyncSend"));
        }
        if (only.isEmpty() || only.contains("budget")) {
            clients.add(LlmRouterClient.budgeted("llmrouter, budget in memory", ok, null));
        }
        if (only.isEmpty() || only.contains("jdbc")) {
            clients.add(LlmRouterClient.budgeted("llmrouter, budget on JDBC (H2)", ok, LlmRouterClient.h2()));
        }
        if (only.isEmpty() || only.contains("governed")) {
            clients.add(LlmRouterClient.governed("llmrouter, governed", ok));
        }
        if (only.isEmpty() || only.contains("openai")) {
            clients.add(new OpenAiJavaClient(ok, pool));
            clients.add(new OpenAiJavaClient(ok, 0));
        }
        if (only.isEmpty() || only.contains("langchain4j")) {
            clients.add(new LangChain4jClient(ok, pool, true));
            clients.add(new LangChain4jClient(ok, pool, false));
        }
        warmUp(clients, n, concurrencies);
        int slices = slices(n);
        System.out.printf(Locale.ROOT, "each round in %d slice(s) of %d calls, the clients' slices interleaved%n",
                slices, n / slices);
        Table table = new Table();
        for (int rep = 0; rep < reps; rep++) {
            for (int c : concurrencies) {
                // the clients take turns slice by slice, so that a slower stretch of this shared machine falls on
                // every client of the repetition alike instead of on one client's whole round
                Map<BenchClient, Meter.Tally> tallies = new LinkedHashMap<>();
                for (int s = 0; s < slices; s++) {
                    // a new order for every slice, shuffled from a seed (the same run, the same orders): with a fixed
                    // cycle each client would always follow the same one, and carry whatever that one leaves behind
                    List<BenchClient> order = new ArrayList<>(clients);
                    java.util.Collections.shuffle(order, new java.util.Random(31L * (rep * 1000L + s) + c));
                    for (BenchClient client : order) {
                        Meter.Tally t = Meter.measure(client, c, n / slices);
                        tallies.computeIfAbsent(client, x -> new Meter.Tally(x.name(), c)).add(t);
                    }
                }
                for (BenchClient client : clients) {
                    Meter.Round r = tallies.get(client).round();
                    table.add(rep, r);
                    log(r);
                }
            }
        }
        String md = table.markdown(clients.stream().map(BenchClient::name).toList(), concurrencies);
        System.out.println();
        System.out.println(md);
        Table.write(out, md);
        for (BenchClient client : clients) {
            client.close();
        }
    }

    /**
     * The clients the environment variable {@code CLIENTS} names (comma-separated: jdk, jdk-async, llmrouter,
     * template, budget, jdbc, governed, openai, langchain4j), or an empty list for all of them.
     */
    private static List<String> selected() {
        String csv = System.getenv("CLIENTS");
        return csv == null || csv.isBlank() ? List.of()
                : Arrays.stream(csv.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    /**
     * How many slices a round of {@code n} calls is cut into: environment variable {@code SLICES}, else one per
     * 2,000 calls (a slice long enough for its ramp-up and drain not to matter), at least one.
     */
    private static int slices(int n) {
        String env = System.getenv("SLICES");
        int s = env == null || env.isBlank() ? n / 2000 : Integer.parseInt(env.trim());
        return Math.max(1, Math.min(s, n));
    }

    /** Three passes over every client and concurrency: the JIT of this JVM and of the stub settle first. */
    private static void warmUp(List<BenchClient> clients, int n, int[] concurrencies) throws Exception {
        for (int pass = 0; pass < 3; pass++) {
            for (BenchClient client : clients) {
                for (int c : concurrencies) {
                    Meter.Round r = Meter.round(client, c, c == 1 ? Math.max(n / 5, 100) : n);
                    if (r.errors() > 0) {
                        throw new IllegalStateException(client.name() + " fails: " + r.firstError());
                    }
                }
            }
        }
        System.out.println("warm-up done");
    }

    private static final AtomicInteger FAILED_ROUNDS = new AtomicInteger();

    private static void log(Meter.Round r) {
        if (r.errors() > 0) {
            FAILED_ROUNDS.incrementAndGet();
        }
        System.out.printf(Locale.ROOT, "%-24s c=%-3d cpu=%7.1f µs/call  %8.0f calls/s  p50=%7.0f µs  p99=%7.0f µs"
                        + "  alloc=%6.1f KiB/call  threads=%.3f/call  errors=%d%s%n", r.client(), r.concurrency(),
                r.cpuMicrosPerCall(), r.callsPerSecond(), r.p50Micros(), r.p99Micros(), r.allocKiBPerCall(),
                r.threadsStartedPerCall(), r.errors(), r.firstError() == null ? "" : " first: " + r.firstError());
    }

    /**
     * One client (hc5, jdk, llmrouter or governed), calls at one concurrency for the given seconds, for a profiler attached to this JVM (e.g.
     * {@code -XX:StartFlightRecording}); prints each round.
     */
    static void profile(String root, String which, int concurrency, int seconds) throws Exception {
        String ok = root + "/ok/v1";
        BenchClient client = switch (which) {
            case "floor", "hc5" -> new Hc5FloorClient(Table.FLOOR, ok, concurrency);
            case "jdk" -> new FloorClient("JDK floor", ok, concurrency);
            case "llmrouter" -> LlmRouterClient.direct("llmrouter", ok, "", c -> { });
            case "governed" -> LlmRouterClient.governed("llmrouter, governed", ok);
            default -> throw new IllegalArgumentException(which);
        };
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            Map<String, Long> before = Meter.cpuByThreadGroup();
            log(Meter.round(client, concurrency, 5000));
            Map<String, Long> after = Meter.cpuByThreadGroup();
            after.forEach((group, cpu) -> {
                double perCall = (cpu - before.getOrDefault(group, 0L)) / 1e3 / 5000;
                if (perCall >= 1) {
                    System.out.printf(Locale.ROOT, "    %-40s %7.1f µs/call%n", group, perCall);
                }
            });
        }
        client.close();
    }

    // ------------------------------------------------------------------------------------------------ failover

    static void failover(String root, int n, int reps, Path out) throws Exception {
        String ok = root + "/ok/v1";
        String down = root + "/down/v1";
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("primary", down);
        targets.put("fallback", ok);
        int concurrency = 16;
        BenchClient floor = new FloorClient("floor", ok, concurrency);
        BenchClient floorFailover = new FloorClient("floor, hand-written failover", down, ok, concurrency);
        BenchClient failover = LlmRouterClient.targets("llmrouter failover", targets, "maxRetries=0",
                c -> c.setCircuitBreakerEnabled(false));
        LlmRouterClient breaker = LlmRouterClient.targets("llmrouter, breaker open", targets, "maxRetries=0",
                c -> { });
        List<BenchClient> clients = List.of(floor, floorFailover, failover, breaker);
        for (BenchClient client : clients) {
            Meter.round(client, concurrency, n);
        }
        StringBuilder md = new StringBuilder("| client | calls to the primary per call | CPU µs/call | CPU × floor "
                + "| p50 ms | p99 ms | p50 over the floor, ms | errors |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, List<Meter.Round>> rounds = new LinkedHashMap<>();
        Map<String, Long> primaryCalls = new LinkedHashMap<>();
        for (int rep = 0; rep < reps; rep++) {
            for (int i = 0; i < clients.size(); i++) {
                BenchClient client = clients.get((i + rep) % clients.size());
                resetStats(root);
                Meter.Round r = Meter.round(client, concurrency, n);
                long primary = stats(root).path("down").asLong();
                primaryCalls.merge(client.name(), primary, Long::sum);
                rounds.computeIfAbsent(client.name(), k -> new ArrayList<>()).add(r);
                log(r);
                System.out.println("    primary calls in the round: " + primary);
            }
        }
        // each figure against the floor's round of the same repetition (paired), median with lowest–highest
        List<Meter.Round> base = rounds.get(floor.name());
        rounds.forEach((name, rs) -> md.append(String.format(Locale.ROOT,
                "| %s | %.2f | %.1f | %s | %.2f | %.2f | %s | %d |\n", name,
                (double) primaryCalls.get(name) / (n * (long) reps),
                Table.median(rs, Meter.Round::cpuMicrosPerCall),
                paired(rs, base, (a, b) -> a.cpuMicrosPerCall() / b.cpuMicrosPerCall()),
                Table.median(rs, Meter.Round::p50Micros) / 1000, Table.median(rs, Meter.Round::p99Micros) / 1000,
                paired(rs, base, (a, b) -> (a.p50Micros() - b.p50Micros()) / 1000),
                rs.stream().mapToInt(Meter.Round::errors).sum())));
        List<Meter.Round> byHand = rounds.get(floorFailover.name());
        List<Meter.Round> routed = rounds.get(failover.name());
        md.append(String.format(Locale.ROOT, "\nllmrouter's failover against the hand-written one, paired: CPU × %s, "
                        + "p50 %s ms.\n", paired(routed, byHand, (a, b) -> a.cpuMicrosPerCall() / b.cpuMicrosPerCall()),
                paired(routed, byHand, (a, b) -> (a.p50Micros() - b.p50Micros()) / 1000)));
        md.append(String.format(Locale.ROOT, "\nConcurrency %d, %d calls per round, %d rounds each, interleaved. "
                + "Breaker state of the primary at the end: %s.\n", concurrency, n, reps,
                breaker.context().getComponent("llmrouter", dev.llmrouter.camel.LlmRouterComponent.class)
                        .circuitBreakerState("primary")));
        System.out.println();
        System.out.println(md);
        Table.write(out, md.toString());
        for (BenchClient client : clients) {
            client.close();
        }
    }

    /** The median (lowest–highest) of {@code figure(a[i], b[i])} over the repetitions i. */
    private static String paired(List<Meter.Round> a, List<Meter.Round> b,
            java.util.function.ToDoubleBiFunction<Meter.Round, Meter.Round> figure) {
        double[] values = new double[Math.min(a.size(), b.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = figure.applyAsDouble(a.get(i), b.get(i));
        }
        return Table.spread(values);
    }

    // ------------------------------------------------------------------------------------------------ stream

    static void stream(String root, int n, Path out) throws Exception {
        String ok = root + "/ok/v1";
        FloorClient floor = new FloorClient("floor", ok, 0);
        LlmRouterClient split = LlmRouterClient.direct("llmrouter", ok, "stream=true", c -> { });
        split.context().addRoutes(streamRoutes(split.endpoint(), true));
        LlmRouterClient streamTo = LlmRouterClient.direct("llmrouter", ok, "stream=true&streamTo=direct:delta",
                c -> { });
        streamTo.context().addRoutes(streamRoutes(streamTo.endpoint(), false));
        String[] names = {"floor (JDK HttpClient, lines read as they come)", "llmrouter, streamTo=direct:delta",
            "llmrouter, split(body()).streaming()"};
        long[][] first = new long[names.length][n];
        long[][] whole = new long[names.length][n];
        long[] t = new long[2];
        for (int i = 0; i < Math.min(200, Math.max(n / 2, 10)); i++) {
            floorStream(floor, t);
            routerStream(streamTo, t);
            routerStream(split, t);
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < names.length; k++) {
                if (k == 0) {
                    floorStream(floor, t);
                } else {
                    routerStream(k == 1 ? streamTo : split, t);
                }
                first[k][i] = t[0];
                whole[k][i] = t[1];
            }
        }
        StringBuilder md = new StringBuilder("| client | first delta p50 ms | first delta p99 ms | × floor (p50) "
                + "| whole stream p50 ms |\n|---|---:|---:|---:|---:|\n");
        double floorP50 = 0;
        for (int k = 0; k < names.length; k++) {
            Arrays.sort(first[k]);
            Arrays.sort(whole[k]);
            double p50 = first[k][n / 2] / 1e6;
            if (k == 0) {
                floorP50 = p50;
            }
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f |\n", names[k], p50,
                    first[k][Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6, p50 / floorP50,
                    whole[k][n / 2] / 1e6));
        }
        md.append(String.format(Locale.ROOT, "\n%d streamed calls each, one at a time, alternating. The stub sends the "
                + "first delta at once and the rest %s ms later.\n", n, System.getProperty("bench.streamGapMs", "?")));
        System.out.println(md);
        Table.write(out, md.toString());
        floor.close();
        split.close();
        streamTo.close();
    }

    /** One streamed call by hand: t[0] = time to the first content delta, t[1] = time to the end; ns. */
    private static void floorStream(FloorClient floor, long[] t) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<Stream<String>> response = floor.http().send(floor.request(true),
                HttpResponse.BodyHandlers.ofLines());
        long tokens = 0;
        boolean firstSeen = false;
        StringBuilder text = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (!line.startsWith("data: {")) {
                    continue;
                }
                JsonNode chunk = FloorClient.MAPPER.readTree(line.substring(6));
                String content = chunk.path("choices").path(0).path("delta").path("content").asText("");
                if (!content.isEmpty()) {
                    if (!firstSeen) {
                        t[0] = System.nanoTime() - t0;
                        firstSeen = true;
                    }
                    text.append(content);
                }
                if (chunk.has("usage")) {
                    tokens = chunk.path("usage").path("total_tokens").asLong();
                }
            }
        }
        t[1] = System.nanoTime() - t0;
        check("floor stream", text.toString(), tokens);
    }

    /**
     * One streamed call the way a route reads a stream: {@code to(llmrouter:chat?stream=true)} then
     * {@code split(body()).streaming()}. The first split part records the time to the first delta.
     */
    private static void routerStream(LlmRouterClient router, long[] t) throws Exception {
        FIRST_DELTA.set(0);
        long t0 = System.nanoTime();
        Exchange done = router.template().request("direct:stream",
                e -> e.getMessage().setBody(BenchClient.PROMPT));
        t[1] = System.nanoTime() - t0;
        t[0] = FIRST_DELTA.get() - t0;
        if (done.getException() != null) {
            throw done.getException();
        }
        Long tokens = done.getMessage().getHeader(LlmRouterConstants.TOTAL_TOKENS, Long.class);
        Object body = done.getMessage().getBody();
        check("llmrouter stream", body instanceof ChatStream s ? s.text() : String.valueOf(body),
                tokens == null ? 0 : tokens);
    }

    private static final java.util.concurrent.atomic.AtomicLong FIRST_DELTA = new java.util.concurrent.atomic.AtomicLong();

    /** direct:stream sends to the endpoint; its deltas come to direct:delta (streamTo) or through a split. */
    private static org.apache.camel.builder.RouteBuilder streamRoutes(org.apache.camel.Endpoint endpoint,
            boolean split) {
        return new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                if (split) {
                    from("direct:stream").to(endpoint)
                            .split(body()).streaming()
                                .process(e -> FIRST_DELTA.compareAndSet(0, System.nanoTime()))
                            .end();
                } else {
                    from("direct:stream").to(endpoint);
                    from("direct:delta").process(e -> FIRST_DELTA.compareAndSet(0, System.nanoTime()));
                }
            }
        };
    }

    private static void check(String who, String text, long tokens) {
        if (!StubServer.ANSWER.equals(text) || tokens != StubServer.TOTAL_TOKENS) {
            throw new IllegalStateException(who + ": wrong answer: tokens=" + tokens + " text=" + text);
        }
    }

    // ------------------------------------------------------------------------------------------------ scale

    static void scale(String root, String which, int count, int delayMs, Path out) throws Exception {
        String slow = root + "/slow/" + delayMs + "/v1";
        BenchClient client = switch (which) {
            case "floor" -> new FloorClient("floor, sendAsync", slow, 0);
            case "llmrouter" -> LlmRouterClient.direct("llmrouter", slow, "", c -> c.setMaxConnections(count));
            default -> throw new IllegalArgumentException(which);
        };
        // a few calls first, so that classes are loaded and pools exist before the baseline is read
        Meter.round(client, 8, 64);
        System.gc();
        Thread.sleep(200);
        java.lang.management.MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        int threadsBefore = Meter.THREADS.getThreadCount();
        long startedBefore = Meter.THREADS.getTotalStartedThreadCount();
        Meter.THREADS.resetPeakThreadCount();
        resetStats(root);

        CountDownLatch finished = new CountDownLatch(count);
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            client.send((content, tokens, failure) -> {
                if (failure != null || tokens != StubServer.TOTAL_TOKENS) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, String.valueOf(failure));
                }
                finished.countDown();
            });
        }
        long sent = System.nanoTime() - t0;
        // wait until the stub holds them all (or the delay is half over), then weigh the heap with all in flight
        int atStub = 0;
        while (System.nanoTime() - t0 < delayMs * 500_000L) {
            atStub = stats(root).path("inFlight").asInt();
            if (atStub >= count) {
                break;
            }
            Thread.sleep(20);
        }
        System.gc();
        long heapInFlight = memory.getHeapMemoryUsage().getUsed();
        int threadsInFlight = Meter.THREADS.getThreadCount();
        int stillPending = (int) finished.getCount();
        if (!finished.await(180, TimeUnit.SECONDS)) {
            throw new IllegalStateException(which + ": " + finished.getCount() + " calls still open after 180 s");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int peakThreads = Meter.THREADS.getPeakThreadCount();
        long started = Meter.THREADS.getTotalStartedThreadCount() - startedBefore;
        int maxAtStub = stats(root).path("maxInFlight").asInt();
        String row = String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f | %.1f | %.2f | %d → %d (peak %d) | %d "
                        + "| %.2f | %d |\n", client.name(), count, stillPending, maxAtStub, heapBefore / 1048576.0,
                heapInFlight / 1048576.0, (heapInFlight - heapBefore) / 1024.0 / count, threadsBefore,
                threadsInFlight, peakThreads, started, seconds, errors.get());
        System.out.printf(Locale.ROOT, "%s: sent %d calls in %.0f ms; %d at the stub when weighed%n", client.name(), count,
                sent / 1e6, atStub);
        if (firstError.get() != null) {
            System.out.println("first error: " + firstError.get());
            FAILED_ROUNDS.incrementAndGet();
        }
        System.out.print(row);
        Table.write(out, row);
        client.close();
    }

    // ------------------------------------------------------------------------------------------------ stub stats

    private static final HttpClient STATS = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static JsonNode stats(String root) throws Exception {
        return FloorClient.MAPPER.readTree(STATS.send(HttpRequest.newBuilder(URI.create(root + "/stats")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body());
    }

    static void resetStats(String root) throws Exception {
        STATS.send(HttpRequest.newBuilder(URI.create(root + "/stats")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding());
    }
}
