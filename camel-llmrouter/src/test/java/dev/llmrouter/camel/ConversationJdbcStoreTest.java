package dev.llmrouter.camel;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

import dev.llmrouter.camel.cost.TestPostgres;
import dev.llmrouter.camel.memory.JdbcConversationStore;
import dev.llmrouter.camel.wire.ChatMessage;
import dev.llmrouter.camel.wire.ToolCall;
import dev.llmrouter.camel.wire.WireJson;
import dev.llmrouter.test.RecordedCall;
import org.apache.camel.Exchange;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JdbcConversationStore on H2 in memory and on PostgreSQL ({@link TestPostgres}): a round trip keeps every message
 * and its order, a load sees the writes queued before it, and two CamelContexts, each with its own store on one
 * database, carry one history.
 */
class ConversationJdbcStoreTest extends EmulatorTestSupport {

    private static final ChatMessage CALL = new ChatMessage("assistant", null, null, null,
            List.of(WireJson.mapper().convertValue(Map.of("id", "call_1", "type", "function",
                    "function", Map.of("name", "lookup_order", "arguments", "{\"order\":7}")), ToolCall.class)),
            "I should look it up.", null);

    /** How many turns each of two instances appends to one conversation at once. */
    private static final int TURNS = 100;

    /** A new in-memory H2 database that outlives its connections. */
    private static Supplier<DataSource> h2() {
        String url = "jdbc:h2:mem:conv" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        return () -> {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL(url);
            ds.setUser("sa");
            return ds;
        };
    }

    private static String pgTable() {
        return "it_conv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static void drop(String table) throws Exception {
        try (Connection c = TestPostgres.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
        }
    }

    @Test
    void roundTripOnH2() {
        roundTrip(h2(), JdbcConversationStore.DEFAULT_TABLE);
    }

    @Test
    void roundTripOnPostgres() throws Exception {
        String table = pgTable();
        try {
            roundTrip(TestPostgres::dataSource, table);
        } finally {
            drop(table);
        }
    }

    /** Every field of every message comes back, in order, conversations apart; clear forgets one conversation. */
    private void roundTrip(Supplier<DataSource> ds, String table) {
        List<ChatMessage> turn1 = List.of(ChatMessage.user("Where is order 7? \u00e9\u4e2d \"quoted\""), CALL,
                ChatMessage.tool("call_1", "{\"status\":\"shipped\"}"), ChatMessage.assistant("It has shipped."));
        List<ChatMessage> turn2 = List.of(ChatMessage.user("thanks"), ChatMessage.assistant("You're welcome."));
        try (JdbcConversationStore store = new JdbcConversationStore(ds.get(), table, Duration.ofSeconds(10)).start()) {
            assertEquals(List.of(), store.load("T-1"));
            store.append("T-1", turn1);
            store.append("T-2", List.of(ChatMessage.user("other")));
            store.append("T-1", turn2);
            // queued writes of this instance are done before a load of the same conversation reads
            List<ChatMessage> loaded = store.load("T-1");
            assertEquals(6, loaded.size());
            assertEquals(turn1, loaded.subList(0, 4));
            assertEquals(turn2, loaded.subList(4, 6));
            assertEquals(List.of(ChatMessage.user("other")), store.load("T-2"));
            store.clear("T-1");
            assertEquals(List.of(), store.load("T-1"));
            assertEquals(1, store.load("T-2").size());
            assertThrows(IllegalArgumentException.class, () -> store.load("x".repeat(401)));
        }
    }

    @Test
    void twoInstancesAppendingAtOnceLoseNothingOnH2() throws Exception {
        concurrentAppends(h2(), JdbcConversationStore.DEFAULT_TABLE);
    }

    @Test
    void twoInstancesAppendingAtOnceLoseNothingOnPostgres() throws Exception {
        String table = pgTable();
        try {
            concurrentAppends(TestPostgres::dataSource, table);
        } finally {
            drop(table);
        }
    }

    /**
     * Two stores (as two instances) append {@value #TURNS} turns each to one conversation at the same time: all
     * messages are there, each turn's two messages next to each other, and each instance's turns in the order it
     * appended them. With this many turns, the instance that loses a sequence clash often loses the next ten too
     * (the winner writes back to back), so a store that gives up after a number of tries fails here.
     */
    private void concurrentAppends(Supplier<DataSource> ds, String table) throws Exception {
        JdbcConversationStore a = new JdbcConversationStore(ds.get(), table, Duration.ofSeconds(30)).start();
        JdbcConversationStore b = new JdbcConversationStore(ds.get(), table, Duration.ofSeconds(30)).start();
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            Thread[] threads = new Thread[2];
            JdbcConversationStore[] stores = {a, b};
            for (int t = 0; t < 2; t++) {
                String who = t == 0 ? "a" : "b";
                JdbcConversationStore store = stores[t];
                threads[t] = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < TURNS; i++) {
                        store.append("shared", List.of(ChatMessage.user(who + i), ChatMessage.assistant(who + i)));
                    }
                });
                threads[t].start();
            }
            go.countDown();
            for (Thread t : threads) {
                t.join(30_000);
            }
            assertTrue(a.flush(Duration.ofSeconds(30)) && b.flush(Duration.ofSeconds(30)), "writes done");
            List<ChatMessage> all = a.load("shared");
            assertEquals(4 * TURNS, all.size());
            int nextA = 0;
            int nextB = 0;
            for (int i = 0; i < all.size(); i += 2) {
                ChatMessage user = all.get(i);
                ChatMessage answer = all.get(i + 1);
                assertEquals("user", user.role());
                assertEquals("assistant", answer.role());
                assertEquals(user.content(), answer.content(), "a turn's messages are next to each other");
                String text = (String) user.content();
                if (text.startsWith("a")) {
                    assertEquals("a" + nextA++, text);
                } else {
                    assertEquals("b" + nextB++, text);
                }
            }
            assertEquals(TURNS, nextA);
            assertEquals(TURNS, nextB);
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void twoContextsShareOneHistoryOnH2() throws Exception {
        twoContexts(h2(), JdbcConversationStore.DEFAULT_TABLE);
    }

    @Test
    void twoContextsShareOneHistoryOnPostgres() throws Exception {
        String table = pgTable();
        try {
            twoContexts(TestPostgres::dataSource, table);
        } finally {
            drop(table);
        }
    }

    /**
     * Context one answers turn one and stores it; context two, with its own store and DataSource on the same
     * database, sends turn two with turn one in its history, and so on for turn three.
     */
    private void twoContexts(Supplier<DataSource> ds, String table) throws Exception {
        EMULATOR.emulator().reply("first", "Answer one.").reply("second", "Answer two.").reply("third", "Answer three.");
        JdbcConversationStore store1 = new JdbcConversationStore(ds.get(), table, Duration.ofSeconds(10));
        JdbcConversationStore store2 = new JdbcConversationStore(ds.get(), table, Duration.ofSeconds(10));
        String options = "model=openai/gpt-4o-mini&systemPrompt=Be brief.&conversationId=${header.ticket}"
                         + "&conversationStore=#conversations";
        try (CamelHarness one = new CamelHarness(EMULATOR.baseUrl(), null, null, r -> r.bind("conversations", store1));
             CamelHarness two = new CamelHarness(EMULATOR.baseUrl(), null, null, r -> r.bind("conversations", store2))) {
            send(one, options, "first question");
            assertTrue(store1.flush(Duration.ofSeconds(10)));
            send(two, options, "second question");
            assertTrue(store2.flush(Duration.ofSeconds(10)));
            Exchange third = send(one, options, "third question");
            assertEquals(4, third.getMessage().getHeader(LlmRouterConstants.HISTORY_MESSAGES));
        } finally {
            store1.close();
            store2.close();
        }
        List<RecordedCall> calls = EMULATOR.emulator().chatRequests();
        assertEquals(3, calls.size());
        List<String> expected = List.of("system:Be brief.", "user:first question", "assistant:Answer one.",
                "user:second question", "assistant:Answer two.", "user:third question");
        for (int i = 0; i < 3; i++) {
            assertEquals(expected.subList(0, 2 + 2 * i), texts(calls.get(i)));
        }
        try (JdbcConversationStore reader = new JdbcConversationStore(ds.get(), table, Duration.ofSeconds(10))) {
            assertEquals(6, reader.load("T-100").size());
        }
    }

    /** The example of docs/agents.md: the store on the ledger's DataSource, shared by the component's routes. */
    @Test
    void theDocumentedStoreOnTheLedgersDataSource() throws Exception {
        EMULATOR.emulator().reply("first", "Answer one.").reply("", "Answer two.");
        DataSource ledger = h2().get();
        camel.close();
        camel = new CamelHarness(EMULATOR.baseUrl(), c -> c.setLedgerDataSource(ledger), null);
        org.apache.camel.CamelContext context = camel.context;
        // doc: docs/agents.md
        LlmRouterComponent llmrouter = context.getComponent("llmrouter", LlmRouterComponent.class);
        context.getRegistry().bind("conversations", new JdbcConversationStore(llmrouter.getLedgerDataSource()));
        // end doc
        String options = "model=openai/gpt-4o-mini&conversationId=${header.ticket}&conversationStore=#conversations";
        send(camel, options, "first question");
        send(camel, options, "second question");
        assertEquals(List.of("user:first question", "assistant:Answer one.", "user:second question"),
                texts(EMULATOR.emulator().lastRequest()));
        try (Connection c = ledger.getConnection(); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM llmrouter_conversation"
                                                     + " WHERE conversation_id = 'T-100'")) {
            rs.next();
            // turn two's answer may still be queued: at least turn one is in the table
            assertTrue(rs.getInt(1) >= 2, "rows " + rs.getInt(1));
        }
    }

    private static Exchange send(CamelHarness h, String options, String text) {
        Exchange e = h.send(h.chat(options), text, Map.of("ticket", "T-100"));
        assertNull(e.getException(), () -> String.valueOf(e.getException()));
        return e;
    }

    private static List<String> texts(RecordedCall call) {
        return java.util.stream.StreamSupport.stream(call.json().get("messages").spliterator(), false)
                .map(m -> m.get("role").asText() + ":" + m.get("content").asText()).toList();
    }
}
