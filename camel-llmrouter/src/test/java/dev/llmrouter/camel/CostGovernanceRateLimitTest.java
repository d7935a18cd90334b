package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;

import dev.llmrouter.camel.cost.TestPostgres;
import dev.llmrouter.camel.cost.budget.JdbcLedger;
import dev.llmrouter.camel.cost.budget.RateWindow;
import dev.llmrouter.camel.error.LocalRateLimitException;
import dev.llmrouter.test.EmulatorFault;
import org.apache.camel.Exchange;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static dev.llmrouter.camel.CostGovernanceFixtures.MINI;
import static dev.llmrouter.camel.CostGovernanceFixtures.PROMPT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A budget's rpm and tpm: enforced before any HTTP call, exact across two CamelContexts on one JDBC ledger (H2 and
 * PostgreSQL), refused with {@link LocalRateLimitException} or delayed to the next minute with
 * {@code onRateLimited=wait}. The minutes follow a test clock set on the component.
 */
class CostGovernanceRateLimitTest extends EmulatorTestSupport {

    private static final String OPTIONS = "model=" + MINI + "&maxTokens=100&budget=limited";
    /** Ten seconds into a minute: a frozen clock keeps every call of a test in that minute. */
    private static final Instant MINUTE = Instant.parse("2026-05-01T10:15:00Z");

    /** A clock whose time a test moves. */
    static final class TestClock extends Clock {
        private volatile Clock delegate;

        TestClock(Clock delegate) {
            this.delegate = delegate;
        }

        void set(Clock c) {
            delegate = c;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return delegate.instant();
        }
    }

    private static Consumer<LlmRouterComponent> budget(Clock clock, Long rpm, Long tpm) {
        return c -> {
            LlmRouterBudget b = new LlmRouterBudget(new BigDecimal("100"), "daily");
            b.setRpm(rpm);
            b.setTpm(tpm);
            c.addBudget("limited", b);
            c.runtime().rateClock(clock);
        };
    }

    private static int httpCalls() {
        return EMULATOR.emulator().chatRequests().size();
    }

    @Test
    void twoContextsOnOneH2DatabaseAdmitExactlyRpm() throws Exception {
        String url = "jdbc:h2:mem:rate_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        shared(() -> {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL(url);
            ds.setUser("sa");
            return ds;
        }, "llmrouter_budget");
    }

    @Test
    void twoContextsOnOnePostgresDatabaseAdmitExactlyRpm() throws Exception {
        Supplier<DataSource> pg = TestPostgres::dataSource;
        String table = "it_rate_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            shared(pg, table);
        } finally {
            try (Connection c = pg.get().getConnection(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + table);
                st.execute("DROP TABLE IF EXISTS " + table + "_rate");
            }
        }
    }

    /** rpm=10, 40 concurrent calls split over two contexts in one minute: exactly 10 go out, 30 are refused. */
    private void shared(Supplier<DataSource> dataSources, String table) throws Exception {
        TestClock clock = new TestClock(Clock.fixed(MINUTE.minusSeconds(30), ZoneOffset.UTC));
        Consumer<LlmRouterComponent> setup = budget(clock, 10L, null).andThen(c -> {
            c.setLedgerDataSource(dataSources.get());
            c.setLedgerTable(table);
        });
        useHarness(setup, null, EMULATOR.baseUrl());
        CamelHarness other = new CamelHarness(EMULATOR.baseUrl(), setup, null);
        EMULATOR.emulator().fault(MINI, EmulatorFault.delayOnly(Duration.ofMillis(40)));
        int before = httpCalls();
        int total = 40;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        try {
            assertInstanceOf(JdbcLedger.class, camel.component.ledger());
            String uri = camel.chat(OPTIONS);
            // one call in the minute before creates the day's budget row: racing on a fresh money row is not
            // what this test is about (the money ledger's insert race is covered by the ledger tests)
            assertNull(camel.send(uri, PROMPT).getException());
            assertNull(other.send(uri, PROMPT).getException());
            clock.set(Clock.fixed(MINUTE.plusSeconds(10), ZoneOffset.UTC));
            before = httpCalls();
            List<Future<Exchange>> futures = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                CamelHarness h = i % 2 == 0 ? camel : other;
                futures.add(pool.submit(() -> {
                    go.await();
                    return h.send(uri, PROMPT);
                }));
            }
            go.countDown();
            int ok = 0;
            long tokens = 0;
            for (Future<Exchange> f : futures) {
                Exchange ex = f.get();
                if (ex.getException() == null) {
                    ok++;
                    tokens += ex.getMessage().getHeader(LlmRouterConstants.TOTAL_TOKENS, Integer.class);
                } else {
                    LocalRateLimitException e = assertInstanceOf(LocalRateLimitException.class, ex.getException());
                    assertEquals("rpm", e.getLimitName());
                    assertEquals(PROMPT, ex.getMessage().getBody(), "the body stays");
                }
            }
            assertEquals(10, ok, "rpm=10 admits exactly 10 calls in the minute");
            assertEquals(before + 10, httpCalls(), "refused calls send nothing");
            assertArrayEquals(new long[] {10, tokens},
                    other.component.ledger().rateLimits().usage("limited", "", MINUTE),
                    "both contexts count in one row; tokens settled at the answers' totals");
        } finally {
            pool.shutdownNow();
            other.close();
        }
    }

    @Test
    void failModeRefusesBeforeAnyHttpCallNamingBudgetAndLimit() {
        useHarness(budget(Clock.fixed(MINUTE.plusSeconds(5), ZoneOffset.UTC), 1L, null), null, EMULATOR.baseUrl());
        String uri = camel.chat(OPTIONS);
        assertNull(camel.send(uri, PROMPT).getException());
        int before = httpCalls();
        Exchange refused = camel.send(uri, PROMPT);
        LocalRateLimitException e = assertInstanceOf(LocalRateLimitException.class, refused.getException());
        assertEquals("Budget 'limited' (scope '') allows 1 requests per minute (rpm) and has admitted 1 in this"
                     + " minute; nothing was sent", e.getMessage());
        assertEquals("limited", e.getBudget());
        assertEquals(1, e.getLimit());
        assertEquals(55_000, e.getRetryAfterMillis(), "the next minute starts 55 s later");
        assertEquals(PROMPT, refused.getMessage().getBody());
        assertEquals(before, httpCalls(), "no HTTP call");
        assertEquals(0, e.getStackTrace().length, "a refusal takes no stack trace");
    }

    @Test
    void tpmHoldsTheActualTokensOnceAnsweredAndRefusesWhatCanNeverFit() {
        Clock clock = Clock.fixed(MINUTE.plusSeconds(5), ZoneOffset.UTC);
        useHarness(budget(clock, null, 10_000L), null, EMULATOR.baseUrl());
        Exchange ok = camel.send(camel.chat(OPTIONS), PROMPT);
        assertNull(ok.getException());
        long actual = ok.getMessage().getHeader(LlmRouterConstants.TOTAL_TOKENS, Integer.class);
        assertTrue(actual > 0 && actual < 100, "the emulator answers briefly: " + actual);
        assertArrayEquals(new long[] {1, actual}, camel.component.ledger().rateLimits().usage("limited", "", MINUTE),
                "the worst case held at admission is replaced by the answer's total tokens");

        int before = httpCalls();
        // max completion tokens alone (20 000) exceed tpm (10 000): no minute can ever hold it
        Exchange never = camel.send(camel.chat(OPTIONS.replace("maxTokens=100", "maxTokens=20000")
                                               + "&onRateLimited=wait"), PROMPT);
        LocalRateLimitException e = assertInstanceOf(LocalRateLimitException.class, never.getException());
        assertEquals("tpm", e.getLimitName());
        assertEquals(-1, e.getRetryAfterMillis());
        assertTrue(e.getRequested() > 20_000, "prompt estimate plus max completion tokens: " + e.getRequested());
        assertEquals("Budget 'limited' (scope '') allows 10000 tokens per minute (tpm) but this request may use "
                     + e.getRequested() + " tokens; nothing was sent", e.getMessage());
        assertEquals(before, httpCalls(), "even in wait mode a request that can never fit is refused at once");
        assertEquals(PROMPT, never.getMessage().getBody());
    }

    @Test
    void waitModeSendsTheCallWhenTheNextMinuteStarts() {
        TestClock clock = new TestClock(Clock.fixed(MINUTE.plusSeconds(5), ZoneOffset.UTC));
        useHarness(budget(clock, 1L, null), null, EMULATOR.baseUrl());
        String uri = camel.chat(OPTIONS + "&onRateLimited=wait");
        assertNull(camel.send(uri, PROMPT).getException(), "warm-up call in a minute of its own");

        // now runs in real time, 400 ms before a minute ends
        Instant now = Instant.now();
        Instant boundary = RateWindow.minuteOf(now).plus(Duration.ofMinutes(5));
        clock.set(Clock.offset(Clock.systemUTC(), Duration.between(now, boundary.minusMillis(400))));
        int before = httpCalls();
        assertNull(camel.send(uri, PROMPT).getException(), "the first call of the minute goes at once");
        long started = System.nanoTime();
        Exchange waited = camel.send(uri, PROMPT);
        long waitedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertNull(waited.getException(), () -> "the second call waits for the next minute: " + waited.getException());
        assertTrue(clock.instant().isAfter(boundary), "it completed after the minute rolled");
        assertTrue(waitedMillis >= 100 && waitedMillis < 10_000, "waited " + waitedMillis + " ms");
        assertEquals(before + 2, httpCalls());
        assertEquals(1, camel.component.ledger().rateLimits().usage("limited", "", boundary)[0],
                "it was counted in the new minute");
    }

    @Test
    void waitModeFailsWhenTheNextMinuteComesAfterTotalTimeout() {
        useHarness(budget(Clock.fixed(MINUTE.plusSeconds(1), ZoneOffset.UTC), 1L, null), null, EMULATOR.baseUrl());
        String uri = camel.chat(OPTIONS + "&onRateLimited=wait&totalTimeout=200");
        assertNull(camel.send(uri, PROMPT).getException());
        int before = httpCalls();
        long started = System.nanoTime();
        Exchange refused = camel.send(uri, PROMPT);
        LocalRateLimitException e = assertInstanceOf(LocalRateLimitException.class, refused.getException());
        assertEquals("Budget 'limited' (scope '') allows 1 requests per minute (rpm) and has admitted 1 in this"
                     + " minute; the next minute starts after totalTimeout (200 ms); nothing was sent", e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 5_000, "refused without waiting 59 s");
        assertEquals(before, httpCalls());
        assertEquals(PROMPT, refused.getMessage().getBody());
    }

    @Test
    void aWaitingCallEndsWhenTheContextStops() throws Exception {
        useHarness(budget(Clock.fixed(MINUTE.plusSeconds(1), ZoneOffset.UTC), 1L, null), null, EMULATOR.baseUrl());
        String uri = camel.chat(OPTIONS + "&onRateLimited=wait");
        assertNull(camel.send(uri, PROMPT).getException());
        int before = httpCalls();
        Future<Exchange> waiting = camel.template.asyncSend(uri, e -> e.getMessage().setBody(PROMPT));
        Thread.sleep(300);
        assertTrue(!waiting.isDone(), "the call waits for the next minute, 59 s away");
        camel.context.stop();
        Exchange ex = waiting.get(10, java.util.concurrent.TimeUnit.SECONDS);
        LocalRateLimitException e = assertInstanceOf(LocalRateLimitException.class, ex.getException());
        assertTrue(e.getMessage().endsWith("in this minute; the component stopped while the call waited; nothing was"
                                           + " sent"), e.getMessage());
        assertEquals(before, httpCalls());
        assertEquals(PROMPT, ex.getMessage().getBody());
    }

    @Test
    void camelMainPropertiesBindRpmAndTpmAndBadValuesNameTheField() {
        LlmRouterComponent component = new LlmRouterComponent();
        org.apache.camel.support.PropertyBindingSupport.build().withIgnoreCase(true).bind(camel.context, component,
                new java.util.HashMap<>(java.util.Map.of("budgets[api].amount", "5", "budgets[api].rpm", "60",
                        "budgets[api].tpm", "90000")));
        LlmRouterBudget b = component.getBudgets().get("api");
        assertEquals(60L, b.getRpm());
        assertEquals(90_000L, b.getTpm());
        assertEquals(60L, b.toDefinition("api").rpm());
        b.setTpm(0L);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> b.toDefinition("api"));
        assertEquals("budget 'api': tpm must be 1 or more tokens per minute but was 0", e.getMessage());
    }

    @Test
    void aLedgerWithoutRateLimitsRefusesABudgetWithRpmAtStart() {
        dev.llmrouter.camel.cost.budget.InMemoryLedger inner = new dev.llmrouter.camel.cost.budget.InMemoryLedger();
        dev.llmrouter.camel.cost.budget.BudgetLedger custom = (dev.llmrouter.camel.cost.budget.BudgetLedger) java.lang.reflect.Proxy
                .newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {dev.llmrouter.camel.cost.budget.BudgetLedger.class}, (proxy, m, args) ->
                                m.isDefault() ? java.lang.reflect.InvocationHandler.invokeDefault(proxy, m, args)
                                        : m.invoke(inner, args));
        useHarness(budget(Clock.systemUTC(), 5L, null).andThen(c -> c.setBudgetLedger(custom)), null,
                EMULATOR.baseUrl());
        int before = httpCalls();
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> camel.send(camel.chat(OPTIONS), PROMPT));
        Throwable root = CostGovernanceFixtures.root(e);
        assertInstanceOf(IllegalArgumentException.class, root);
        assertTrue(root.getMessage().startsWith("Budget 'limited' sets rpm or tpm, but the budgetLedger "),
                root.getMessage());
        assertTrue(root.getMessage().endsWith(" keeps no rate limits (its rateLimits() returns null)"));
        assertEquals(before, httpCalls());
    }

    @Test
    void aBudgetRefusalGivesTheRateGrantBack() {
        Consumer<LlmRouterComponent> setup = c -> {
            LlmRouterBudget b = new LlmRouterBudget(new BigDecimal("0.000000001"), "daily");
            b.setRpm(5L);
            c.addBudget("limited", b);
            c.runtime().rateClock(Clock.fixed(MINUTE, ZoneOffset.UTC));
        };
        useHarness(setup, null, EMULATOR.baseUrl());
        Exchange ex = camel.send(camel.chat(OPTIONS), PROMPT);
        assertInstanceOf(dev.llmrouter.camel.error.BudgetExceededException.class, ex.getException());
        assertArrayEquals(new long[] {0, 0}, camel.component.ledger().rateLimits().usage("limited", "", MINUTE),
                "a call the budget refused is not counted against rpm");
    }
}
