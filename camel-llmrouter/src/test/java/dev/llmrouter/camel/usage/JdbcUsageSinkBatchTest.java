package dev.llmrouter.camel.usage;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

import dev.llmrouter.camel.cost.SwitchableDataSource;
import dev.llmrouter.camel.cost.budget.H2LedgerTest;
import dev.llmrouter.camel.cost.budget.PostgresLedgerTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batched JDBC usage sink: off the calling threads, each record once, through an outage, flushed on close. */
class JdbcUsageSinkBatchTest {

    private static final Instant T = Instant.parse("2026-04-01T10:00:00Z");

    static UsageRecord rec(String generationId) {
        return new UsageRecord(T, "r1", "llmrouter:chat", "openai/gpt-4o-mini", null, "openrouter", 10, 5, null, null,
                new BigDecimal("0.0001"), generationId, "acme", false, "ok", "perTenant=acme");
    }

    private static DataSource h2() {
        return H2LedgerTest.h2("usage_batch_" + UUID.randomUUID().toString().replace("-", ""));
    }

    private static String table() {
        return "usage_b_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Rows in the table and distinct generation ids among them, read straight from the database. */
    private static long[] rows(DataSource ds, String table) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT generation_id) FROM " + table)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void concurrentRecordsLandExactlyOnceAndOnlyTheWriterThreadInsertsOnH2() throws Exception {
        concurrentExactlyOnce(h2(), table());
    }

    @Test
    void concurrentRecordsLandExactlyOnceAndOnlyTheWriterThreadInsertsOnPostgres() throws Exception {
        DataSource ds = PostgresLedgerTest.postgres();
        String table = table();
        try {
            concurrentExactlyOnce(ds, table);
        } finally {
            PostgresLedgerTest.drop(ds, table);
        }
    }

    private static void concurrentExactlyOnce(DataSource raw, String table) throws Exception {
        SwitchableDataSource ds = new SwitchableDataSource(raw);
        JdbcUsageSink sink = JdbcUsageSink.batched(ds, table, 100_000).start();
        ds.threads().clear(); // start() made the table on this thread
        int threads = 8;
        int each = 300;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, "caller"));
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int tt = t;
                calls.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        sink.accept(rec("g-" + tt + "-" + i));
                    }
                }));
            }
            for (Future<?> f : calls) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        await(() -> rows(raw, table)[0] >= threads * each, "all rows inserted by the writer");
        assertEquals(Set.of(JdbcUsageSink.WRITER_THREAD), ds.threads(), "only the writer thread touched the database");
        sink.close();
        long[] n = rows(raw, table);
        assertEquals(threads * each, n[0], "each record once");
        assertEquals(threads * each, n[1], "no record twice, none missing");
        assertEquals(0, sink.dropped());
        List<UsageRecord> back = sink.read(T, T.plusSeconds(1));
        assertEquals(threads * each, back.size());
        assertEquals(rec(back.get(0).generationId()), back.get(0), "every column as accepted");
    }

    @Test
    void anOutageKeepsTheRecordsQueuedAndTheRecoveryWritesThemOnce() throws Exception {
        DataSource raw = h2();
        String table = table();
        SwitchableDataSource ds = new SwitchableDataSource(raw);
        JdbcUsageSink sink = JdbcUsageSink.batched(ds, table, 1000).start();
        ds.down(true);
        for (int i = 0; i < 40; i++) {
            sink.accept(rec("out-" + i));
        }
        await(() -> sink.failures() >= 2, "the writer to fail and retry");
        assertEquals(0, rows(raw, table)[0]);
        assertEquals(40, sink.queued(), "nothing lost while the database is away");
        for (int i = 40; i < 60; i++) {
            sink.accept(rec("out-" + i));
        }
        ds.down(false);
        await(() -> sink.queued() == 0, "the queue written out after the recovery");
        long[] n = rows(raw, table);
        assertEquals(60, n[0]);
        assertEquals(60, n[1]);
        sink.close();
        assertEquals(60, rows(raw, table)[0], "close writes nothing again");
        assertEquals(0, sink.dropped());
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() throws Exception {
        DataSource raw = h2();
        String table = table();
        SwitchableDataSource ds = new SwitchableDataSource(raw);
        JdbcUsageSink sink = JdbcUsageSink.batched(ds, table, 5).start();
        ds.down(true);
        for (int i = 0; i < 8; i++) {
            sink.accept(rec("full-" + i)); // returns at once, the database being down
        }
        assertEquals(3, sink.dropped());
        assertEquals(5, sink.queued());
        ds.down(false);
        await(() -> sink.queued() == 0, "the kept records written");
        sink.close();
        List<UsageRecord> back = sink.read(T, T.plusSeconds(1));
        assertEquals(List.of("full-0", "full-1", "full-2", "full-3", "full-4"),
                back.stream().map(UsageRecord::generationId).sorted().toList(), "the oldest five are kept");
        assertThrows(IllegalArgumentException.class, () -> JdbcUsageSink.batched(raw, table, 0));
    }

    @Test
    void closeWritesOutTheQueueAndLaterRecordsAreRefused() throws Exception {
        DataSource raw = h2();
        String table = table();
        JdbcUsageSink sink = JdbcUsageSink.batched(raw, table, 10_000).start();
        for (int i = 0; i < 1200; i++) {
            sink.accept(rec("stop-" + i));
        }
        sink.close();
        long[] n = rows(raw, table);
        assertEquals(1200, n[0]);
        assertEquals(1200, n[1]);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sink.accept(rec("late")));
        assertTrue(e.getMessage().contains(table + " is closed"), e.getMessage());
    }

    @Test
    void flushInsertsOnTheCallingThreadAndFailsWhileTheDatabaseIsDown() throws Exception {
        DataSource raw = h2();
        String table = table();
        SwitchableDataSource ds = new SwitchableDataSource(raw);
        JdbcUsageSink sink = JdbcUsageSink.batched(ds, table, 100).start();
        ds.down(true);
        sink.accept(rec("f-1"));
        IllegalStateException e = assertThrows(IllegalStateException.class, sink::flush);
        assertTrue(e.getMessage().startsWith("Cannot insert into usage table " + table), e.getMessage());
        assertEquals(1, sink.queued());
        ds.down(false);
        sink.flush();
        assertEquals(0, sink.queued());
        sink.close();
        assertEquals(1, rows(raw, table)[0]);
    }

    /**
     * A DataSource whose connections fail the first {@code failures} commits: after committing when
     * {@code committed} (the acknowledgement was lost), or before (nothing was committed).
     */
    private static DataSource commitFails(DataSource raw, int failures, boolean committed) {
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(failures);
        ClassLoader loader = JdbcUsageSinkBatchTest.class.getClassLoader();
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(loader, new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object out = invoke(raw, method, args);
                    if (!(out instanceof Connection real)) {
                        return out;
                    }
                    return java.lang.reflect.Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("commit") && left.getAndDecrement() > 0) {
                                    if (committed) {
                                        real.commit();
                                    }
                                    throw new java.sql.SQLException("connection reset while committing");
                                }
                                return invoke(real, m, a);
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void aBatchCommittedWhoseAcknowledgementWasLostIsNotInsertedAgain() throws Exception {
        // the failed commit is counted, and then looked up rather than repeated
        thirtyRecordsOnceAfterFailedCommits(1, true);
    }

    @Test
    void aBatchWhoseCommitFailedIsInsertedOnTheNextAttempt() throws Exception {
        thirtyRecordsOnceAfterFailedCommits(2, false);
    }

    /** Thirty records through a sink whose first commits fail: each record lands once, each failure counted. */
    private static void thirtyRecordsOnceAfterFailedCommits(int failures, boolean committed) throws Exception {
        DataSource raw = h2();
        String table = table();
        JdbcUsageSink sink = JdbcUsageSink.batched(commitFails(raw, failures, committed), table, 1000).start();
        for (int i = 0; i < 30; i++) {
            sink.accept(rec("commit-" + i));
        }
        await(() -> sink.queued() == 0, "the queue written out");
        sink.close();
        long[] n = rows(raw, table);
        assertEquals(30, n[0], "each record once");
        assertEquals(30, n[1]);
        assertEquals(failures, sink.failures());
    }

    @Test
    void aTableMadeBeforeBatchIdsGetsTheColumnAndTheRecordsKeepTheirFields() throws Exception {
        DataSource raw = h2();
        String table = table();
        try (Connection c = raw.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table + " (time_ms BIGINT NOT NULL, route_id VARCHAR(200),"
                       + " endpoint VARCHAR(1000), model VARCHAR(200), provider VARCHAR(200), target VARCHAR(200),"
                       + " prompt_tokens INTEGER, completion_tokens INTEGER, reasoning_tokens INTEGER,"
                       + " cached_tokens INTEGER, cost_usd DECIMAL(38,18), generation_id VARCHAR(200),"
                       + " budget_key VARCHAR(500), cache_hit BOOLEAN NOT NULL, outcome VARCHAR(100),"
                       + " budget_levels VARCHAR(2000))");
        }
        JdbcUsageSink sink = JdbcUsageSink.batched(raw, table, 100).start();
        sink.accept(rec("old-table"));
        assertEquals(List.of(rec("old-table")), sink.read(T, T.plusSeconds(1)));
        sink.close();
        try (Connection c = raw.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT batch_id FROM " + table)) {
            assertTrue(rs.next());
            assertEquals(36, rs.getString(1).length(), "the row carries its batch's id");
        }
    }
}
