package dev.llmrouter.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;

/**
 * Runs one round (n calls, at most {@code concurrency} in flight) and measures it from inside the client's JVM:
 * process CPU time, wall time, each call's latency, threads started, and bytes allocated on the heap.
 *
 * <p>Allocation is the sum of the per-thread allocation counters over the round, when no thread started or ended during it.
 * Otherwise (a client that starts and ends a thread per call) it is read off the young generation: eden in use at
 * the end minus at the start, plus what every collection during the round freed from eden (from the GC
 * notifications), which also counts the threads that ended but only to a whole G1 region (several MiB per round).
 */
final class Meter {

    record Round(String client, int concurrency, int n, double cpuMicrosPerCall, double callsPerSecond,
                 double p50Micros, double p99Micros, double allocKiBPerCall, double threadsStartedPerCall,
                 int errors, String firstError) {
    }

    static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static final AtomicLong EDEN_FREED = new AtomicLong();
    private static final AtomicLong GCS_SEEN = new AtomicLong();
    private static final List<MemoryPoolMXBean> EDEN = new ArrayList<>();
    /** Collections before the listener was installed, which it never hears of. */
    private static final long GCS_BEFORE;

    static {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().contains("Eden")) {
                EDEN.add(pool);
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                        .getGcInfo();
                EDEN_FREED.addAndGet(eden(info.getMemoryUsageBeforeGc()) - eden(info.getMemoryUsageAfterGc()));
                GCS_SEEN.incrementAndGet();
            }, null, null);
        }
        GCS_BEFORE = gcCount();
    }

    private Meter() {
    }

    /** The expected total tokens of every answer; anything else counts as an error. */
    static final long EXPECTED_TOKENS = StubServer.TOTAL_TOKENS;

    /**
     * What one stretch of calls of one client measured, kept raw so that several stretches (the slices of a round,
     * see {@link Bench}) add up to one {@link Round}.
     */
    static final class Tally {
        final String client;
        final int concurrency;
        int n;
        long cpuNanos;
        long wallNanos;
        long allocated;
        long started;
        int errors;
        String firstError;
        long[] latencies = new long[0];

        Tally(String client, int concurrency) {
            this.client = client;
            this.concurrency = concurrency;
        }

        /** Adds another stretch of the same client and concurrency. */
        void add(Tally t) {
            n += t.n;
            cpuNanos += t.cpuNanos;
            wallNanos += t.wallNanos;
            allocated += t.allocated;
            started += t.started;
            errors += t.errors;
            if (firstError == null) {
                firstError = t.firstError;
            }
            long[] all = Arrays.copyOf(latencies, latencies.length + t.latencies.length);
            System.arraycopy(t.latencies, 0, all, latencies.length, t.latencies.length);
            latencies = all;
        }

        Round round() {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            return new Round(client, concurrency, n, cpuNanos / 1e3 / n, n / (wallNanos / 1e9),
                    sorted[n / 2] / 1e3, sorted[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e3,
                    allocated / 1024.0 / n, (double) started / n, errors, firstError);
        }
    }

    static Round round(BenchClient client, int concurrency, int n) throws Exception {
        return measure(client, concurrency, n).round();
    }

    /** {@code n} calls of one client at one concurrency, measured. */
    static Tally measure(BenchClient client, int concurrency, int n) throws Exception {
        long[] latency = new long[n];
        Semaphore permits = new Semaphore(concurrency);
        CountDownLatch finished = new CountDownLatch(n);
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();

        System.gc();
        Thread.sleep(100);
        awaitGcNotifications();
        long freed0 = EDEN_FREED.get();
        long eden0 = edenUsed();
        long[] ids0 = THREADS.getAllThreadIds();
        long[] bytes0 = THREADS.getThreadAllocatedBytes(ids0);
        long started0 = THREADS.getTotalStartedThreadCount();
        long cpu0 = OS.getProcessCpuTime();
        long wall0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (!permits.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(client.name() + ": no call finished within 60 s");
            }
            int index = i;
            long t0 = System.nanoTime();
            client.send((content, tokens, failure) -> {
                latency[index] = System.nanoTime() - t0;
                if (failure != null || content == null || tokens != EXPECTED_TOKENS) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, failure != null ? failure.toString()
                            : "content=" + content + " tokens=" + tokens);
                }
                permits.release();
                finished.countDown();
            });
        }
        if (!finished.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(client.name() + ": round did not finish within 120 s");
        }
        long wall1 = System.nanoTime();
        long cpu1 = OS.getProcessCpuTime();
        long started1 = THREADS.getTotalStartedThreadCount();
        long eden1 = edenUsed();
        long[] ids1 = THREADS.getAllThreadIds();
        long[] bytes1 = THREADS.getThreadAllocatedBytes(ids1);
        awaitGcNotifications();
        // a thread started and ended within the round would take its count with it: then eden decides
        long allocated = started1 == started0 ? byThread(ids0, bytes0, ids1, bytes1) : -1;
        if (allocated < 0) {
            allocated = eden1 - eden0 + EDEN_FREED.get() - freed0;
        }

        Tally t = new Tally(client.name(), concurrency);
        t.n = n;
        t.cpuNanos = cpu1 - cpu0;
        t.wallNanos = wall1 - wall0;
        t.allocated = allocated;
        t.started = started1 - started0;
        t.errors = errors.get();
        t.firstError = firstError.get();
        t.latencies = latency;
        return t;
    }

    /**
     * Bytes allocated during the round, from the per-thread counters, when every thread alive at the start is alive
     * at the end (none ended, so none took its count with it); else -1, and the caller uses eden. The counters count
     * to the byte; eden's occupancy moves in whole G1 regions (several MiB), too coarse for a round of a few
     * thousand calls.
     */
    static long byThread(long[] ids0, long[] bytes0, long[] ids1, long[] bytes1) {
        Map<Long, Long> start = new java.util.HashMap<>();
        for (int i = 0; i < ids0.length; i++) {
            if (bytes0[i] >= 0) {
                start.put(ids0[i], bytes0[i]);
            }
        }
        long total = 0;
        int seen = 0;
        for (int i = 0; i < ids1.length; i++) {
            if (bytes1[i] < 0) {
                return -1;
            }
            Long before = start.get(ids1[i]);
            if (before != null) {
                seen++;
            }
            total += bytes1[i] - (before == null ? 0 : before);
        }
        return seen == start.size() ? total : -1;
    }

    /** CPU time of every live thread, by thread name with its digits dropped (a pool's threads together). */
    static Map<String, Long> cpuByThreadGroup() {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            java.lang.management.ThreadInfo info = THREADS.getThreadInfo(id);
            long cpu = THREADS.getThreadCpuTime(id);
            if (info != null && cpu > 0) {
                out.merge(info.getThreadName().replaceAll("[0-9]+", "#"), cpu, Long::sum);
            }
        }
        return out;
    }

    private static long eden(Map<String, MemoryUsage> usage) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> e : usage.entrySet()) {
            if (e.getKey().contains("Eden")) {
                used += e.getValue().getUsed();
            }
        }
        return used;
    }

    private static long edenUsed() {
        long used = 0;
        for (MemoryPoolMXBean pool : EDEN) {
            used += pool.getUsage().getUsed();
        }
        return used;
    }

    private static long gcCount() {
        long count = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
    }

    /** GC notifications arrive on their own thread, a little after the collection. */
    private static void awaitGcNotifications() throws InterruptedException {
        long target = gcCount() - GCS_BEFORE;
        for (int i = 0; i < 200 && GCS_SEEN.get() < target; i++) {
            Thread.sleep(5);
        }
    }
}
