package dev.llmrouter.camel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;

import dev.llmrouter.camel.cost.TestPostgres;
import dev.llmrouter.camel.idempotency.JdbcAnswerStore;
import dev.llmrouter.test.EmulatorFault;
import org.apache.camel.Exchange;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static dev.llmrouter.camel.CostGovernanceFixtures.MINI;
import static dev.llmrouter.camel.CostGovernanceFixtures.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JDBC answer store (the default when the component has a ledgerDataSource): two CamelContexts on one
 * PostgreSQL ({@link TestPostgres}), a claim left by a dead instance, and an answer that outlives a restart (H2).
 */
class IdempotencySharedStoreTest extends EmulatorTestSupport {

    private static final String KEYED = "model=" + MINI + "&maxTokens=100&idempotencyKey=RAW(${header.msgId})";

    private int chats() {
        return EMULATOR.emulator().chatRequests().size();
    }

    private static Consumer<LlmRouterComponent> onStore(Supplier<DataSource> dataSources, String table) {
        return c -> {
            c.setLedgerDataSource(dataSources.get());
            c.setLedgerTable(table);
            c.setReservationLease(3000);
        };
    }

    private static Exchange send(CamelHarness h, String key) {
        return h.send(h.chat(KEYED), PROMPT, Map.of("msgId", key));
    }

    private static void drop(String table) throws Exception {
        try (Connection c = TestPostgres.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table + "_answers");
        }
    }

    private static String table(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Test
    void twoContextsOnOnePostgresReceivingTheSameKeyAtOnceMakeOneCallAndBothGetTheAnswer() throws Exception {
        String table = table("it_once_");
        try {
            useHarness(onStore(TestPostgres::dataSource, table), null, EMULATOR.baseUrl());
            try (CamelHarness other = new CamelHarness(EMULATOR.baseUrl(), onStore(TestPostgres::dataSource, table),
                    null)) {
                EMULATOR.emulator().fault(MINI, EmulatorFault.delayOnly(Duration.ofMillis(600)).times(1));
                CountDownLatch go = new CountDownLatch(1);
                CompletableFuture<Exchange> a = CompletableFuture.supplyAsync(() -> {
                    await(go);
                    return send(camel, "order-7");
                });
                CompletableFuture<Exchange> b = CompletableFuture.supplyAsync(() -> {
                    await(go);
                    return send(other, "order-7");
                });
                go.countDown();
                Exchange ea = a.get(30, TimeUnit.SECONDS);
                Exchange eb = b.get(30, TimeUnit.SECONDS);
                assertNull(ea.getException(), () -> String.valueOf(ea.getException()));
                assertNull(eb.getException(), () -> String.valueOf(eb.getException()));
                assertEquals(1, chats(), "one HTTP call for the two contexts");
                assertEquals(ea.getMessage().getBody(String.class), eb.getMessage().getBody(String.class));
                assertEquals(ea.getMessage().getHeader(LlmRouterConstants.COST),
                        eb.getMessage().getHeader(LlmRouterConstants.COST));
                boolean aReplayed = ea.getMessage().getHeader(LlmRouterConstants.REPLAYED) != null;
                boolean bReplayed = eb.getMessage().getHeader(LlmRouterConstants.REPLAYED) != null;
                assertTrue(aReplayed ^ bReplayed, "exactly one of them was replayed");
                assertInstanceOf(JdbcAnswerStore.class, camel.component.runtime().answerStore());
            }
        } finally {
            drop(table);
        }
    }

    @Test
    void aClaimLeftByAKilledInstanceIsTakenOverWhenItsLeaseEnds() throws Exception {
        String table = table("it_dead_");
        try {
            useHarness(onStore(TestPostgres::dataSource, table), null, EMULATOR.baseUrl());
            camel.component.runtime().answerStore();
            long leaseEnd = System.currentTimeMillis() + 700;
            try (Connection c = TestPostgres.dataSource().getConnection();
                 PreparedStatement st = c.prepareStatement("INSERT INTO " + table + "_answers"
                         + " (idem_key, owner, lease_until, answer, expires_at) VALUES (?, ?, ?, NULL, 0)")) {
                st.setString(1, "file-a.pdf-1700000000");
                st.setString(2, "killed-jvm");
                st.setLong(3, leaseEnd);
                st.executeUpdate();
            }

            Exchange ex = send(camel, "file-a.pdf-1700000000");
            assertNull(ex.getException(), () -> String.valueOf(ex.getException()));
            assertTrue(System.currentTimeMillis() >= leaseEnd, "it waited for the dead owner's lease");
            assertNull(ex.getMessage().getHeader(LlmRouterConstants.REPLAYED));
            assertEquals(1, chats());
            try (Connection c = TestPostgres.dataSource().getConnection();
                 PreparedStatement st = c.prepareStatement("SELECT owner, answer FROM " + table + "_answers"
                         + " WHERE idem_key = ?")) {
                st.setString(1, "file-a.pdf-1700000000");
                try (ResultSet rs = st.executeQuery()) {
                    assertTrue(rs.next());
                    assertNull(rs.getString(1), "the claim ended");
                    assertNotNull(rs.getString(2), "the answer is stored");
                }
            }
            assertEquals(Boolean.TRUE, send(camel, "file-a.pdf-1700000000").getMessage()
                    .getHeader(LlmRouterConstants.REPLAYED));
            assertEquals(1, chats());
        } finally {
            drop(table);
        }
    }

    @Test
    void anAnswerStoredInH2OutlivesARestartAndIsReplayedByTheNextContext() {
        String url = "jdbc:h2:mem:once_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        Supplier<DataSource> h2 = () -> {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL(url);
            ds.setUser("sa");
            return ds;
        };
        useHarness(onStore(h2, "llmrouter_budget"), null, EMULATOR.baseUrl());
        Exchange first = send(camel, "JMS-42");
        assertNull(first.getException());
        camel.close();
        camel = null;

        try (CamelHarness restarted = new CamelHarness(EMULATOR.baseUrl(), onStore(h2, "llmrouter_budget"), null)) {
            Exchange again = send(restarted, "JMS-42");
            assertNull(again.getException());
            assertEquals(Boolean.TRUE, again.getMessage().getHeader(LlmRouterConstants.REPLAYED));
            assertEquals(first.getMessage().getBody(String.class), again.getMessage().getBody(String.class));
            assertEquals(first.getMessage().getHeader(LlmRouterConstants.COST),
                    again.getMessage().getHeader(LlmRouterConstants.COST));
            assertEquals(1, chats());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
