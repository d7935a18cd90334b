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
import dev.llmrouter.camel.cost.JdbcLedger;
import dev.llmrouter.camel.cost.LedgerRow;
import dev.llmrouter.camel.cost.TestPostgres;
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
        String url = "jdbc:h2:mem:shared_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        Supplier<DataSource> h2 = () -> {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL(url);
            ds.setUser("sa");
            return ds;
        };
        shared(h2, "llmrouter_budget");
    }

    @Test
    void twoContextsOnOnePostgresLedgerNeverOverspend() throws Exception {
        Supplier<DataSource> pg = TestPostgres::dataSource;
        String table = "it_budget_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            shared(pg, table);
        } finally {
            try (Connection c = pg.get().getConnection(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + table + "_reservation");
                st.execute("DROP TABLE IF EXISTS " + table);
            }
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
