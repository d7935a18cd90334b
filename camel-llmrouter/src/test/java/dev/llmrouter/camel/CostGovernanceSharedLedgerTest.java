package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import javax.sql.DataSource;

import dev.llmrouter.camel.CostGovernanceFixtures.Probe;
import dev.llmrouter.camel.cost.TestPostgres;
import dev.llmrouter.camel.cost.budget.JdbcLedger;
import dev.llmrouter.camel.cost.budget.LedgerRow;
import dev.llmrouter.camel.error.BudgetExceededException;
import dev.llmrouter.test.EmulatorFault;
import org.apache.camel.Exchange;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static dev.llmrouter.camel.CostGovernanceFixtures.MINI;
import static dev.llmrouter.camel.CostGovernanceFixtures.PROMPT;
import static dev.llmrouter.camel.CostGovernanceFixtures.await;
import static dev.llmrouter.camel.CostGovernanceFixtures.probe;
import static dev.llmrouter.camel.CostGovernanceFixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two CamelContexts (two components, two DataSources) booking on one JDBC ledger: H2 in memory, and PostgreSQL
 * ({@link TestPostgres}: a configured server, else an embedded one).
 */
class CostGovernanceSharedLedgerTest extends EmulatorTestSupport {

    private static final String OPTIONS = "model=" + MINI + "&maxTokens=100";

    @Test
    void twoContextsOnOneH2LedgerNeverOverspend() throws Exception {
        shared(h2("shared_"), "llmrouter_budget");
    }

    @Test
    void twoContextsOnOnePostgresLedgerNeverOverspend() throws Exception {
        String table = "it_budget_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            shared(TestPostgres::dataSource, table);
        } finally {
            dropLedgerTables(table);
        }
    }

    @Test
    void nestedBudgetsFromTwoContextsOnOneH2LedgerOverspendNoLevelAndNeverDeadlock() throws Exception {
        nested(h2("nested_"), "llmrouter_budget");
    }

    /** A new in-memory H2 database that outlives its connections, as each context's data source. */
    private static Supplier<DataSource> h2(String prefix) {
        String url = "jdbc:h2:mem:" + prefix + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        return () -> {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL(url);
            ds.setUser("sa");
            return ds;
        };
    }

    @Test
    void nestedBudgetsFromTwoContextsOnOnePostgresLedgerOverspendNoLevelAndNeverDeadlock() throws Exception {
        String table = "it_nested_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            nested(TestPostgres::dataSource, table);
        } finally {
            dropLedgerTables(table);
        }
    }

    /** Drops a test's ledger table and the tables the ledger keeps beside it, on the shared PostgreSQL. */
    private static void dropLedgerTables(String table) throws Exception {
        try (Connection c = TestPostgres.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String suffix : new String[] {"_reservation", "_settled", "_rate", ""}) {
                st.execute("DROP TABLE IF EXISTS " + table + suffix);
            }
        }
    }

    /**
     * 64 calls over 16 tenant keys from two contexts, one listing the levels tenant first and the other global first
     * (the ledger locks rows in its own fixed order either way): no level overspends, every refusal is a budget
     * refusal naming its level (a deadlock would surface as a ledger failure instead), and once settled each level
     * holds the sum of the settled costs.
     */
    private void nested(Supplier<DataSource> dataSources, String table) throws Exception {
        Probe p = probe(camel, OPTIONS);
        BigDecimal tenantAmount = p.estimate().multiply(new BigDecimal("1.5"));
        BigDecimal globalAmount = p.estimate().multiply(BigDecimal.TEN);
        java.util.function.Consumer<LlmRouterComponent> setup = c -> {
            c.setLedgerDataSource(dataSources.get());
            c.setLedgerTable(table);
            LlmRouterBudget tenant = new LlmRouterBudget(tenantAmount, "daily");
            tenant.setScope("${header.tenant}");
            LlmRouterBudget global = new LlmRouterBudget(globalAmount, "daily");
            global.setScope("global");
            c.addBudget("perTenant", tenant);
            c.addBudget("global", global);
        };
        useHarness(setup, null, EMULATOR.baseUrl());
        CamelHarness other = new CamelHarness(EMULATOR.baseUrl(), setup, null);
        EMULATOR.emulator().fault(MINI, EmulatorFault.delayOnly(Duration.ofMillis(40)));
        int before = EMULATOR.emulator().chatRequests().size();
        int total = 64;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            String tenantFirst = camel.chat(OPTIONS + "&budget=perTenant,global");
            String globalFirst = other.chat(OPTIONS + "&budget=global,perTenant");
            List<Future<Exchange>> futures = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                boolean first = i % 2 == 0;
                String tenant = "t" + (i % 16);
                futures.add(pool.submit(() -> first ? camel.send(tenantFirst, PROMPT, java.util.Map.of("tenant", tenant))
                        : other.send(globalFirst, PROMPT, java.util.Map.of("tenant", tenant))));
            }
            int ok = 0;
            BigDecimal settled = BigDecimal.ZERO;
            for (int i = 0; i < total; i++) {
                Exchange ex = futures.get(i).get(120, java.util.concurrent.TimeUnit.SECONDS);
                if (ex.getException() == null) {
                    ok++;
                    settled = settled.add(ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class));
                } else {
                    BudgetExceededException e = assertInstanceOf(BudgetExceededException.class, ex.getException(),
                            () -> "only budget refusals: " + ex.getException());
                    assertTrue(List.of("perTenant", "global").contains(e.getLevel()), e.getMessage());
                    assertEquals(e.getLevel(), ex.getMessage().getHeader(LlmRouterConstants.BUDGET_LEVEL));
                }
            }
            assertTrue(ok >= 1 && ok < total, "some calls went, some were refused: " + ok);
            assertEquals(before + ok, EMULATOR.emulator().chatRequests().size());
            await(() -> camel.component.ledger().snapshot().stream().allMatch(r -> r.reserved().signum() == 0),
                    "every settlement written on every level");
            BigDecimal tenants = BigDecimal.ZERO;
            for (LedgerRow r : camel.component.ledger().snapshot()) {
                if (r.budget().equals("perTenant")) {
                    assertTrue(r.spent().compareTo(tenantAmount) <= 0, "tenant " + r.scopeKey() + ": " + r.spent());
                    tenants = tenants.add(r.spent());
                }
            }
            LedgerRow global = row(other.component, "global", "");
            assertNotNull(global);
            assertTrue(global.spent().compareTo(globalAmount) <= 0, "global spent " + global.spent());
            assertEquals(0, settled.compareTo(global.spent()), "global " + global.spent() + " = settled " + settled);
            assertEquals(0, settled.compareTo(tenants), "tenants " + tenants + " = settled " + settled);
        } finally {
            pool.shutdownNow();
            other.close();
        }
    }

    private void shared(Supplier<DataSource> dataSources, String table) throws Exception {
        Probe p = probe(camel, OPTIONS);
        BigDecimal amount = p.estimate().multiply(BigDecimal.valueOf(10));
        java.util.function.Consumer<LlmRouterComponent> setup = c -> {
            c.setLedgerDataSource(dataSources.get());
            c.setLedgerTable(table);
            c.addBudget("shared", new LlmRouterBudget(amount, "daily"));
        };
        useHarness(setup, null, EMULATOR.baseUrl());
        CamelHarness other = new CamelHarness(EMULATOR.baseUrl(), setup, null);
        EMULATOR.emulator().fault(MINI, EmulatorFault.delayOnly(Duration.ofMillis(40)));
        int before = EMULATOR.emulator().chatRequests().size();
        int total = 64;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            assertInstanceOf(JdbcLedger.class, camel.component.ledger());
            assertInstanceOf(JdbcLedger.class, other.component.ledger());
            String uri = camel.chat(OPTIONS + "&budget=shared");
            List<Future<Exchange>> futures = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                CamelHarness h = i % 2 == 0 ? camel : other;
                futures.add(pool.submit(() -> h.send(uri, PROMPT)));
            }
            int ok = 0;
            int refused = 0;
            int[] okBy = new int[2];
            BigDecimal settled = BigDecimal.ZERO;
            for (int i = 0; i < total; i++) {
                Exchange ex = futures.get(i).get();
                if (ex.getException() == null) {
                    ok++;
                    okBy[i % 2]++;
                    settled = settled.add(ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class));
                } else {
                    assertInstanceOf(BudgetExceededException.class, ex.getException());
                    refused++;
                }
            }
            assertEquals(total, ok + refused);
            assertTrue(ok >= 10, "the reservations that fit side by side succeed: " + ok);
            assertTrue(refused > 0, "the budget ran out");
            assertTrue(okBy[0] > 0 && okBy[1] > 0, "both contexts booked: " + okBy[0] + "/" + okBy[1]);
            assertEquals(before + ok, EMULATOR.emulator().chatRequests().size());

            // settlements on an external ledger are written on the ledger threads, just after the exchanges end
            await(() -> {
                LedgerRow now = row(camel.component, "shared", "");
                return now != null && now.reserved().signum() == 0;
            }, "every settlement written");
            LedgerRow r = row(camel.component, "shared", "");
            assertNotNull(r);
            assertTrue(r.spent().compareTo(amount) <= 0, "spent " + r.spent() + " <= " + amount);
            assertEquals(0, settled.compareTo(r.spent()), "spent " + r.spent() + " = settled " + settled);
            assertEquals(0, r.reserved().signum(), "reserved " + r.reserved());
            assertEquals(r, row(other.component, "shared", ""), "both contexts read the same row");
            assertEquals(1, camel.component.ledger().snapshot().size());
        } finally {
            pool.shutdownNow();
            other.close();
        }
    }
}
