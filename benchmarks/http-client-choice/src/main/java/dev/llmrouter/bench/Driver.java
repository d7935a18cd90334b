package dev.llmrouter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Benchmark driver: JDK HttpClient.sendAsync vs Apache HttpClient 5 async, JSON POST to an OpenAI-style stub.
 *
 * System properties: bench.port (required), bench.n (requests per round, default 5000),
 * bench.reps (default 5), bench.conc (default "1,16,64"), bench.warmup (per client per concurrency, default 3000),
 * bench.globalWarmup (per variant, default 10000), bench.maxSeconds (overall budget, default 420).
 */
public final class Driver {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final int EXPECTED_TOKENS = 68;
    static final byte[] REQUEST_BODY = ("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":"
            + "\"You are a helpful assistant.\"},{\"role\":\"user\",\"content\":\"What is Apache Camel? Answer in two "
            + "sentences.\"}],\"temperature\":0.2,\"max_tokens\":256,\"stream\":false}").getBytes(StandardCharsets.UTF_8);

    static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    // ---- heap-based allocation accounting (counts threads that died during the round, unlike per-thread counters)
    static final AtomicLong EDEN_FREED = new AtomicLong();
    static final AtomicLong GC_SEEN = new AtomicLong();
    static final List<MemoryPoolMXBean> EDEN_POOLS = new ArrayList<>();

    interface Done {
        void done(int status, byte[] body, Throwable err);
    }

    interface Variant extends AutoCloseable {
        String name();

        void send(Done done);

        @Override
        void close();
    }

    static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ---------------------------------------------------------------- JDK java.net.http.HttpClient
    static final class JdkVariant implements Variant {
        final String name;
        final HttpClient client;
        final ExecutorService own;
        final URI uri;

        JdkVariant(String name, URI uri, boolean fixedExecutor, HttpClient.Version version) {
            this.name = name;
            this.uri = uri;
            HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
            if (version != null) {
                b.version(version);
            }
            if (fixedExecutor) {
                own = Executors.newFixedThreadPool(4, daemon(name + "-exec"));
                b.executor(own);
            } else {
                own = null;
            }
            client = b.build();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void send(Done done) {
            HttpRequest req = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer sk-bench")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(REQUEST_BODY))
                    .build();
            // non-async dependent stage, as a Camel AsyncProcessor would use to call callback.done(false)
            client.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete((r, t) -> {
                        if (t != null) {
                            done.done(-1, null, t);
                        } else {
                            done.done(r.statusCode(), r.body(), null);
                        }
                    });
        }

        @Override
        public void close() {
            if (own != null) {
                own.shutdownNow();
            }
            // JDK 17 HttpClient has no close(); its selector thread exits once the client is unreachable
        }
    }

    // ---------------------------------------------------------------- Apache HttpClient 5 async
    static final class Hc5Variant implements Variant {
        final String name;
        final CloseableHttpAsyncClient client;
        final ExecutorService handoff;
        final URI uri;

        Hc5Variant(String name, URI uri, int poolSize, boolean handoffExecutor) {
            this.name = name;
            this.uri = uri;
            PoolingAsyncClientConnectionManager cm = PoolingAsyncClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(poolSize)
                    .setMaxConnPerRoute(poolSize)
                    .setDefaultConnectionConfig(ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.ofSeconds(5))
                            .setSocketTimeout(Timeout.ofSeconds(30))
                            .build())
                    .build();
            client = HttpAsyncClients.custom()
                    .setConnectionManager(cm)
                    .setIOReactorConfig(IOReactorConfig.custom().setSoTimeout(Timeout.ofSeconds(30)).build())
                    .build();
            client.start();
            handoff = handoffExecutor ? Executors.newFixedThreadPool(4, daemon(name + "-exec")) : null;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void send(Done done) {
            SimpleHttpRequest req = SimpleRequestBuilder.post(uri)
                    .addHeader("Authorization", "Bearer sk-bench")
                    .setBody(REQUEST_BODY, ContentType.APPLICATION_JSON)
                    .build();
            client.execute(SimpleRequestProducer.create(req), SimpleResponseConsumer.create(),
                    new FutureCallback<SimpleHttpResponse>() {
                        @Override
                        public void completed(SimpleHttpResponse r) {
                            if (handoff == null) {
                                done.done(r.getCode(), r.getBodyBytes(), null); // on the I/O reactor thread
                            } else {
                                handoff.execute(() -> done.done(r.getCode(), r.getBodyBytes(), null));
                            }
                        }

                        @Override
                        public void failed(Exception ex) {
                            if (handoff == null) {
                                done.done(-1, null, ex);
                            } else {
                                handoff.execute(() -> done.done(-1, null, ex));
                            }
                        }

                        @Override
                        public void cancelled() {
                            failed(new IllegalStateException("cancelled"));
                        }
                    });
        }

        @Override
        public void close() {
            client.close(CloseMode.GRACEFUL);
            if (handoff != null) {
                handoff.shutdownNow();
            }
        }
    }

    // ---------------------------------------------------------------- measurement
    record Result(String variant, int conc, int rep, int n, double cpuUsPerReq, double rps, double p50Us,
                  double p99Us, double threadsPerReq, double allocKbPerReq, double edenKbPerReq,
                  int peakThreads, int errors) {
    }

    static void installGcListener() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getName().contains("Eden")) {
                EDEN_POOLS.add(p);
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, hb) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    return;
                }
                GcInfo gi = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo();
                long before = 0, after = 0;
                for (Map.Entry<String, MemoryUsage> e : gi.getMemoryUsageBeforeGc().entrySet()) {
                    if (e.getKey().contains("Eden")) {
                        before += e.getValue().getUsed();
                    }
                }
                for (Map.Entry<String, MemoryUsage> e : gi.getMemoryUsageAfterGc().entrySet()) {
                    if (e.getKey().contains("Eden")) {
                        after += e.getValue().getUsed();
                    }
                }
                EDEN_FREED.addAndGet(before - after);
                GC_SEEN.incrementAndGet();
            }, null, null);
        }
    }

    static long gcCount() {
        long c = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            c += Math.max(0, gc.getCollectionCount());
        }
        return c;
    }

    static final AtomicInteger GC_WAIT_TIMEOUTS = new AtomicInteger();

    static void awaitGcNotifications() throws InterruptedException {
        long target = gcCount();
        for (int i = 0; i < 100 && GC_SEEN.get() < target; i++) {
            Thread.sleep(10);
        }
        if (GC_SEEN.get() < target) {
            GC_WAIT_TIMEOUTS.incrementAndGet();
        }
    }

    static long edenUsed() {
        long u = 0;
        for (MemoryPoolMXBean p : EDEN_POOLS) {
            u += p.getUsage().getUsed();
        }
        return u;
    }

    static Map<Long, Long> liveThreadAlloc() {
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Long> m = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                m.put(ids[i], bytes[i]);
            }
        }
        return m;
    }

    /** Sends n requests with at most conc in flight; returns measurements (or throws on timeout). */
    static Result round(Variant v, int conc, int n, int rep, boolean measure) throws Exception {
        long[] lat = new long[n];
        Semaphore sem = new Semaphore(conc);
        CountDownLatch latch = new CountDownLatch(n);
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger firstErrLogged = new AtomicInteger();
        // last allocated-bytes reading per completing thread, so per-task threads that die before the round ends
        // are still accounted for (ThreadMXBean only reports live threads)
        java.util.concurrent.ConcurrentHashMap<Long, Long> cbAlloc = new java.util.concurrent.ConcurrentHashMap<>();

        if (measure) {
            System.gc();
            Thread.sleep(150);
            awaitGcNotifications();
        }
        THREADS.resetPeakThreadCount();
        int liveAtStart = THREADS.getThreadCount();
        long freed0 = EDEN_FREED.get();
        long eden0 = edenUsed();
        Map<Long, Long> live0 = liveThreadAlloc();
        long started0 = THREADS.getTotalStartedThreadCount();
        long cpu0 = OS.getProcessCpuTime();
        long wall0 = System.nanoTime();

        for (int i = 0; i < n; i++) {
            if (!sem.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(v.name() + ": no permit within 30 s (stalled) at request " + i);
            }
            final int idx = i;
            final long t0 = System.nanoTime();
            v.send((status, body, err) -> {
                try {
                    if (err != null || status != 200) {
                        errors.incrementAndGet();
                        if (firstErrLogged.getAndIncrement() == 0) {
                            System.err.println(v.name() + " error: status=" + status + " " + err);
                        }
                    } else {
                        JsonNode tree = MAPPER.readTree(body);
                        if (tree.path("usage").path("total_tokens").asInt() != EXPECTED_TOKENS) {
                            errors.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                } finally {
                    if (measure) {
                        cbAlloc.put(Thread.currentThread().getId(), THREADS.getCurrentThreadAllocatedBytes());
                    }
                    lat[idx] = System.nanoTime() - t0;
                    sem.release();
                    latch.countDown();
                }
            });
        }
        if (!latch.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(v.name() + ": round did not finish within 60 s");
        }
        long wall1 = System.nanoTime();
        long cpu1 = OS.getProcessCpuTime();
        long started1 = THREADS.getTotalStartedThreadCount();
        long eden1 = edenUsed();
        Map<Long, Long> live1 = liveThreadAlloc();
        int peak = THREADS.getPeakThreadCount() - liveAtStart; // extra threads alive at peak
        if (!measure) {
            return null;
        }
        awaitGcNotifications();
        long freed1 = EDEN_FREED.get();

        long liveAlloc = 0;
        for (Map.Entry<Long, Long> e : live1.entrySet()) {
            liveAlloc += e.getValue() - live0.getOrDefault(e.getKey(), 0L);
        }
        long objAlloc = liveAlloc;
        for (Map.Entry<Long, Long> e : cbAlloc.entrySet()) {
            if (!live1.containsKey(e.getKey())) { // thread died during the round: add its last reading
                objAlloc += e.getValue() - live0.getOrDefault(e.getKey(), 0L);
            }
        }
        long heapAlloc = (eden1 - eden0) + (freed1 - freed0);

        Arrays.sort(lat);
        double secs = (wall1 - wall0) / 1e9;
        return new Result(v.name(), conc, rep, n,
                (cpu1 - cpu0) / 1e3 / n,
                n / secs,
                lat[(int) (n * 0.50)] / 1e3,
                lat[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e3,
                (double) (started1 - started0) / n,
                objAlloc / 1024.0 / n,
                heapAlloc / 1024.0 / n,
                peak,
                errors.get());
    }

    static String get(URI stats) throws Exception {
        HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return c.send(HttpRequest.newBuilder(stats).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static double median(List<Result> rs, Function<Result, Double> f) {
        double[] a = rs.stream().mapToDouble(f::apply).sorted().toArray();
        int m = a.length / 2;
        return a.length % 2 == 1 ? a[m] : (a[m - 1] + a[m]) / 2;
    }

    // ---------------------------------------------------------------- main
    public static void main(String[] args) throws Exception {
        int port = Integer.getInteger("bench.port", -1);
        if (port <= 0) {
            throw new IllegalArgumentException("-Dbench.port is required");
        }
        int n = Integer.getInteger("bench.n", 5000);
        int reps = Integer.getInteger("bench.reps", 5);
        int warm = Integer.getInteger("bench.warmup", 3000);
        int globalWarm = Integer.getInteger("bench.globalWarmup", 10000);
        long budgetNanos = TimeUnit.SECONDS.toNanos(Integer.getInteger("bench.maxSeconds", 420));
        int[] concs = Arrays.stream(System.getProperty("bench.conc", "1,16,64").split(","))
                .map(String::trim).mapToInt(Integer::parseInt).toArray();
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/chat/completions");
        URI stats = URI.create("http://127.0.0.1:" + port + "/stats");
        long start = System.nanoTime();

        installGcListener();
        System.out.printf(Locale.ROOT, "JVM %s, availableProcessors=%d, commonPool parallelism=%d, "
                        + "CompletableFuture default executor=%s, GC=%s, maxHeap=%d MB%n",
                System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(),
                java.util.concurrent.ForkJoinPool.getCommonPoolParallelism(),
                new CompletableFuture<Void>().defaultExecutor().getClass().getName(),
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList(),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "N=%d per round, reps=%d, concurrency=%s, warmup=%d/client/conc, "
                + "globalWarmup=%d/variant%n", n, reps, Arrays.toString(concs), warm, globalWarm);

        String[] names = {"jdk-default-exec", "jdk-fixed-exec", "hc5-reactor-cb", "hc5-handoff-exec"};
        Function<String, Function<Integer, Variant>> factory = name -> pool -> switch (name) {
            case "jdk-default-exec" -> new JdkVariant(name, uri, false, HttpClient.Version.HTTP_1_1);
            case "jdk-fixed-exec" -> new JdkVariant(name, uri, true, HttpClient.Version.HTTP_1_1);
            case "hc5-reactor-cb" -> new Hc5Variant(name, uri, pool, false);
            case "hc5-handoff-exec" -> new Hc5Variant(name, uri, pool, true);
            default -> throw new IllegalArgumentException(name);
        };

        // ---- protocol probe: what actually goes on the wire with default settings
        {
            String s0 = get(stats);
            HttpClient h2pref = HttpClient.newHttpClient(); // default version = HTTP_2
            HttpClient.Version seen = null;
            for (int i = 0; i < 50; i++) {
                HttpResponse<byte[]> r = h2pref.send(HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(REQUEST_BODY)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                seen = r.version();
            }
            String s1 = get(stats);
            System.out.println("probe: JDK HttpClient.newHttpClient() (default HTTP_2) x50 POSTs over cleartext -> "
                    + "response version " + seen + "; server stats before " + s0 + " after " + s1);
            try (Hc5Variant hc = new Hc5Variant("probe", uri, 4, false)) {
                SimpleHttpResponse r = hc.client.execute(SimpleRequestProducer.create(SimpleRequestBuilder.post(uri)
                                .setBody(REQUEST_BODY, ContentType.APPLICATION_JSON).build()),
                        SimpleResponseConsumer.create(), null).get(10, TimeUnit.SECONDS);
                System.out.println("probe: HC5 default (version policy NEGOTIATE) over cleartext -> " + r.getVersion()
                        + "; server stats " + get(stats));
            }
        }

        // ---- calibration: cost of one CompletableFuture default-executor task on this JVM (= one thread start+exit
        // when common-pool parallelism is 1), which JDK HttpClient.sendAsync pays once per request
        {
            for (int w = 0; w < 2; w++) {
                int k = 3000;
                long c0 = OS.getProcessCpuTime(), s0 = THREADS.getTotalStartedThreadCount(), t0 = System.nanoTime();
                for (int i = 0; i < k; i++) {
                    CompletableFuture.runAsync(() -> { }).join();
                }
                long c1 = OS.getProcessCpuTime(), s1 = THREADS.getTotalStartedThreadCount(), t1 = System.nanoTime();
                if (w == 1) {
                    System.out.printf(Locale.ROOT, "calibration: CompletableFuture.runAsync(noop).join() x%d -> "
                                    + "%.1f us CPU/task, %.1f us wall/task, %.2f threads started/task%n",
                            k, (c1 - c0) / 1e3 / k, (t1 - t0) / 1e3 / k, (double) (s1 - s0) / k);
                }
            }
        }

        // ---- global JIT warm-up, every variant, concurrency 16
        for (String name : names) {
            try (Variant v = factory.apply(name).apply(16)) {
                round(v, 16, globalWarm, 0, false);
            }
        }
        System.out.printf(Locale.ROOT, "global warm-up done in %.1f s%n", (System.nanoTime() - start) / 1e9);

        List<Result> all = new ArrayList<>();
        System.out.println();
        System.out.println("raw rounds (allocKB = objects allocated per request, ThreadMXBean per-thread counters incl. "
                + "per-task threads read at callback end; edenKB = eden consumed per request from GC/heap accounting, "
                + "includes TLAB waste of short-lived threads; 2 MB region granularity):");
        System.out.printf(Locale.ROOT, "%-17s %4s %3s %9s %9s %9s %9s %9s %9s %10s %5s %4s%n",
                "variant", "conc", "rep", "cpuUs/req", "req/s", "p50us", "p99us", "thr/req", "allocKB",
                "edenKB", "+peakT", "err");
        boolean outOfTime = false;
        for (int conc : concs) {
            if (outOfTime) {
                break;
            }
            Map<String, Variant> clients = new LinkedHashMap<>();
            try {
                for (String name : names) {
                    Variant v = factory.apply(name).apply(conc);
                    clients.put(name, v);
                    round(v, conc, warm, 0, false); // opens the pool's connections, warms this shape
                }
                for (int rep = 1; rep <= reps && !outOfTime; rep++) {
                    for (Variant v : clients.values()) { // interleaved A,B,C,D,A,B,C,D...
                        if (System.nanoTime() - start > budgetNanos) {
                            System.out.println("!! time budget exhausted, stopping early");
                            outOfTime = true;
                            break;
                        }
                        Result r = round(v, conc, n, rep, true);
                        all.add(r);
                        System.out.printf(Locale.ROOT,
                                "%-17s %4d %3d %9.1f %9.0f %9.0f %9.0f %9.3f %9.1f %10.1f %5d %4d%n",
                                r.variant(), r.conc(), r.rep(), r.cpuUsPerReq(), r.rps(), r.p50Us(), r.p99Us(),
                                r.threadsPerReq(), r.allocKbPerReq(), r.edenKbPerReq(), r.peakThreads(),
                                r.errors());
                    }
                }
            } finally {
                clients.values().forEach(Variant::close);
            }
        }

        // ---- summary table: medians over reps
        System.out.println();
        System.out.println("SUMMARY (median over reps; CPU = client JVM process CPU incl. JIT/GC; +peakT = extra live "
                + "threads at peak during the round; ratios vs best variant at the same concurrency: "
                + "CPU x = cpu/min(cpu), tput x = rps/max(rps))");
        String hdr = String.format(Locale.ROOT, "| %-16s | %4s | %10s | %9s | %9s | %8s | %8s | %11s | %12s | %11s | %5s | %6s | %6s |",
                "variant", "conc", "CPU us/req", "(min-max)", "req/s", "p50 us", "p99 us", "threads/req",
                "alloc KB/req", "eden KB/req", "+peakT", "CPU x", "tput x");
        System.out.println(hdr);
        System.out.println(hdr.replaceAll("[^|]", "-"));
        for (int conc : concs) {
            Map<String, List<Result>> by = new LinkedHashMap<>();
            for (String name : names) {
                List<Result> rs = all.stream().filter(r -> r.conc() == conc && r.variant().equals(name)).toList();
                if (!rs.isEmpty()) {
                    by.put(name, rs);
                }
            }
            if (by.isEmpty()) {
                continue;
            }
            double bestCpu = by.values().stream().mapToDouble(rs -> median(rs, Result::cpuUsPerReq)).min().orElse(1);
            double bestRps = by.values().stream().mapToDouble(rs -> median(rs, Result::rps)).max().orElse(1);
            for (Map.Entry<String, List<Result>> e : by.entrySet()) {
                List<Result> rs = e.getValue();
                double cpu = median(rs, Result::cpuUsPerReq);
                double rps = median(rs, Result::rps);
                double mn = rs.stream().mapToDouble(Result::cpuUsPerReq).min().orElse(0);
                double mx = rs.stream().mapToDouble(Result::cpuUsPerReq).max().orElse(0);
                int errs = rs.stream().mapToInt(Result::errors).sum();
                System.out.printf(Locale.ROOT,
                        "| %-16s | %4d | %10.1f | %9s | %9.0f | %8.0f | %8.0f | %11.3f | %12.1f | %11.1f | %5.0f | %6.2f | %6.2f |%s%n",
                        e.getKey(), conc, cpu, String.format(Locale.ROOT, "%.0f-%.0f", mn, mx), rps,
                        median(rs, Result::p50Us), median(rs, Result::p99Us), median(rs, Result::threadsPerReq),
                        median(rs, Result::allocKbPerReq), median(rs, Result::edenKbPerReq),
                        median(rs, r -> (double) r.peakThreads()), cpu / bestCpu, rps / bestRps,
                        errs > 0 ? " ERRORS=" + errs : "");
            }
        }
        System.out.printf(Locale.ROOT, "%ntotal driver time %.1f s; GC-notification wait timeouts: %d%n",
                (System.nanoTime() - start) / 1e9, GC_WAIT_TIMEOUTS.get());
        System.exit(0);
    }
}
