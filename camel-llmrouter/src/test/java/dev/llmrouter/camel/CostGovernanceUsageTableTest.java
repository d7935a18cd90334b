package dev.llmrouter.camel;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import dev.llmrouter.camel.cost.SwitchableDataSource;
import dev.llmrouter.camel.cost.budget.H2LedgerTest;
import dev.llmrouter.camel.usage.JdbcUsageSink;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static dev.llmrouter.camel.CostGovernanceFixtures.MINI;
import static dev.llmrouter.camel.CostGovernanceFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** usageLogDataSource: the completion threads only queue the record; the sink's writer inserts it; stop flushes. */
class CostGovernanceUsageTableTest extends EmulatorTestSupport {

    private static long count(DataSource ds, String where) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + JdbcUsageSink.DEFAULT_TABLE + where)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void concurrentCallsAreInsertedOnceByTheWriterThreadNotTheCompletionThreads() throws Exception {
        DataSource raw = H2LedgerTest.h2("usage_table_" + UUID.randomUUID().toString().replace("-", ""));
        SwitchableDataSource ds = new SwitchableDataSource(raw);
        useHarness(c -> c.setUsageLogDataSource(ds), null, EMULATOR.baseUrl());
        ds.threads().clear(); // the table was made on the starting thread
        Endpoint endpoint = camel.context.getEndpoint(camel.chat("model=" + MINI + "&maxTokens=50"));
        Set<String> completionThreads = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<Exchange>> calls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Exchange exchange = endpoint.createExchange();
            exchange.getMessage().setBody("Hello " + i);
            calls.add(camel.template.asyncSend(endpoint, exchange)
                    .whenComplete((done, failure) -> completionThreads.add(Thread.currentThread().getName())));
        }
        for (CompletableFuture<Exchange> call : calls) {
            assertNull(call.get(30, TimeUnit.SECONDS).getException());
        }
        await(() -> count(raw, "") >= 24, "24 usage rows");
        assertEquals(24, EMULATOR.emulator().chatRequests().size());
        assertTrue(completionThreads.stream().anyMatch(n -> n.contains("LlmRouterCompletion")),
                completionThreads.toString());
        assertEquals(Set.of(JdbcUsageSink.WRITER_THREAD), ds.threads(),
                "the insert runs on the sink's writer, never on a completion thread");
        camel.close();
        assertEquals(24, count(raw, ""), "each call once");
        assertEquals(24, count(raw, " WHERE outcome = 'ok' AND model = '" + MINI + "'"));
    }

    @Test
    void stoppingTheComponentWritesOutWhatIsQueued() throws Exception {
        DataSource raw = H2LedgerTest.h2("usage_stop_" + UUID.randomUUID().toString().replace("-", ""));
        SwitchableDataSource ds = new SwitchableDataSource(raw);
        useHarness(c -> c.setUsageLogDataSource(ds), null, EMULATOR.baseUrl());
        String uri = camel.chat("model=" + MINI + "&maxTokens=50");
        ds.down(true); // the writer cannot insert: the records wait in the queue
        for (int i = 0; i < 5; i++) {
            assertNull(camel.send(uri, "Hello " + i).getException(), "a usage table outage does not fail the call");
        }
        assertEquals(0, count(raw, ""));
        ds.down(false);
        camel.close();
        assertEquals(5, count(raw, ""), "the stop flushed the queue, each record once");
    }
}
