package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import dev.llmrouter.camel.CostGovernanceFixtures.Probe;
import dev.llmrouter.camel.cost.SwitchableDataSource;
import dev.llmrouter.camel.cost.TestPostgres;
import dev.llmrouter.camel.cost.budget.JdbcLedger;
import dev.llmrouter.camel.cost.budget.JournaledLedger;
import dev.llmrouter.camel.cost.budget.LedgerRow;
import dev.llmrouter.camel.error.LedgerUnavailableException;
import dev.llmrouter.camel.support.LedgerWriter;
import dev.llmrouter.test.EmulatorFault;
import org.apache.camel.Exchange;
import org.apache.camel.FailedToCreateProducerException;
import org.apache.camel.ResolveEndpointFailedException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.llmrouter.camel.CostGovernanceFixtures.MINI;
import static dev.llmrouter.camel.CostGovernanceFixtures.PROMPT;
import static dev.llmrouter.camel.CostGovernanceFixtures.await;
import static dev.llmrouter.camel.CostGovernanceFixtures.probe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JDBC ledger (H2, PostgreSQL) that goes away: cut while a call is in flight, down when a call asks to be admitted
 * (ledgerFailure failClosed and failOpen), and a settlement applied whose acknowledgement is lost.
 */
class CostGovernanceLedgerOutageTest extends EmulatorTestSupport {

    private static final String OPTIONS = "model=" + MINI + "&maxTokens=100";

    @TempDir
    Path dir;

    private SwitchableDataSource ledgerDb;
    private DataSource raw;
    private String table;

    private static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:outage_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    /** A harness whose ledger is on {@code db} behind a switch, with a journal file; returns the probe. */
    private Probe start(DataSource db, String journal) {
        return start(db, journal, null);
    }

    /** As above, the budget with an rpm limit when {@code rpm} is not null. */
    private Probe start(DataSource db, String journal, Long rpm) {
        Probe p = probe(camel, OPTIONS);
        raw = db;
        ledgerDb = new SwitchableDataSource(db);
        table = "outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        BigDecimal amount = p.estimate().multiply(BigDecimal.valueOf(10));
        useHarness(c -> {
            c.setLedgerDataSource(ledgerDb);
            c.setLedgerTable(table);
            if (journal != null) {
                c.setLedgerJournalFile(journal);
            }
            LlmRouterBudget budget = new LlmRouterBudget(amount, "none");
            budget.setRpm(rpm);
            c.addBudget("b", budget);
        }, null, EMULATOR.baseUrl());
        return p;
    }

    /** The row read straight from the database, not through the switch. */
    private LedgerRow row() {
        return new JdbcLedger(raw, table).snapshot().stream().filter(r -> r.budget().equals("b")).findFirst()
                .orElse(null);
    }

    private void drop() throws Exception {
        try (Connection c = raw.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute("DROP TABLE IF EXISTS " + table + "_settled");
        }
    }

    @Test
    void aLedgerCutMidCallEndsWithTheRealCostBookedOnceAfterTheDatabaseReturnsOnH2() throws Exception {
        cutMidCall(h2());
    }

    @Test
    void aLedgerCutMidCallEndsWithTheRealCostBookedOnceAfterTheDatabaseReturnsOnPostgres() throws Exception {
        try {
            cutMidCall(TestPostgres.dataSource());
        } finally {
            drop();
        }
    }

    private void cutMidCall(DataSource db) throws Exception {
        Probe p = start(db, dir.resolve("journal.log").toString());
        EMULATOR.emulator().fault(MINI, EmulatorFault.delayOnly(Duration.ofMillis(600)));
        String uri = camel.chat(OPTIONS + "&budget=b");
        CompletableFuture<Exchange> call = camel.template.asyncSend(uri, e -> e.getMessage().setBody(PROMPT));
        // the reservation is held: the request is on its way to the emulator, which answers in 600 ms
        await(() -> row() != null && row().reserved().signum() > 0, "the reservation");
        ledgerDb.down(true);
        Exchange ex = call.get(10, TimeUnit.SECONDS);
        assertNull(ex.getException(), () -> "served despite the ledger: " + ex.getException());
        BigDecimal cost = ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
        assertEquals(0, cost.compareTo(p.cost()));
        JournaledLedger journaled = (JournaledLedger) camel.component.runtime().bookingLedger();
        await(() -> journaled.journal().size() == 1, "the settlement journaled");
        assertEquals(1, Files.readAllLines(dir.resolve("journal.log")).size(), "one line in the journal file");
        Thread.sleep(300);
        LedgerRow during = row();
        assertEquals(0, during.spent().signum(), "nothing booked while the ledger is down");
        assertTrue(during.reserved().signum() > 0, "the reservation is still held");

        ledgerDb.down(false);
        await(() -> journaled.journal().size() == 0, "the journal replayed");
        LedgerRow after = row();
        assertEquals(0, after.spent().compareTo(cost), "spent " + after.spent() + " = cost " + cost);
        assertEquals(0, after.reserved().signum(), "reserved " + after.reserved());
        assertEquals(0, Files.size(dir.resolve("journal.log")), "the journal file emptied");
        assertTrue(ledgerDb.threads().stream().noneMatch(t -> t.contains("LlmRouterCompletion")),
                "no ledger write on a completion thread: " + ledgerDb.threads());
        assertTrue(ledgerDb.threads().stream().anyMatch(t -> t.contains("LlmRouterLedger")), ledgerDb.threads()
                .toString());
        // replays keep running: nothing is booked twice
        Thread.sleep(LedgerWriter.IDLE_MILLIS * 2);
        assertEquals(0, row().spent().compareTo(cost), "still booked once");
    }

    @Test
    void failClosedRefusesWithLedgerUnavailableAndSendsNothing() {
        start(h2(), null);
        String uri = camel.chat(OPTIONS + "&budget=b");
        assertNull(camel.send(uri, PROMPT).getException(), "the ledger table exists");
        ledgerDb.down(true);
        int before = EMULATOR.emulator().chatRequests().size();
        Exchange ex = camel.send(uri, PROMPT);
        LedgerUnavailableException e = assertInstanceOf(LedgerUnavailableException.class, ex.getException());
        assertTrue(e.getMessage().startsWith("Budget 'b' (scope '') cannot be checked: the ledger is unavailable ("),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("); nothing was sent (ledgerFailure=failClosed)"), e.getMessage());
        assertEquals("b", e.getBudget());
        assertEquals(0, e.getStackTrace().length, "a refusal has no stack trace");
        assertEquals(PROMPT, ex.getMessage().getBody(), "the body is intact");
        assertEquals(before, EMULATOR.emulator().chatRequests().size(), "no HTTP call");
    }

    @Test
    void aBudgetWithRpmFollowsLedgerFailureWhenTheLedgerIsDown() {
        start(h2(), null, 1000L);
        String closed = camel.chat(OPTIONS + "&budget=b");
        String open = camel.chat(OPTIONS + "&budget=b&ledgerFailure=failOpen");
        assertNull(camel.send(closed, PROMPT).getException(), "the ledger tables exist");
        ledgerDb.down(true);
        int before = EMULATOR.emulator().chatRequests().size();

        // the rpm count is on the same database: down, it refuses as the reservation does, not with a raw error
        Exchange refused = camel.send(closed, PROMPT);
        assertInstanceOf(LedgerUnavailableException.class, refused.getException());
        assertEquals(PROMPT, refused.getMessage().getBody(), "the body is intact");
        assertEquals(before, EMULATOR.emulator().chatRequests().size(), "no HTTP call");

        Exchange admitted = camel.send(open, PROMPT);
        assertNull(admitted.getException(), () -> "failOpen admits: " + admitted.getException());
        assertEquals(before + 1, EMULATOR.emulator().chatRequests().size());
    }

    @Test
    void failOpenAdmitsWithoutReservationAndBooksAfterRecovery() {
        start(h2(), null);
        String uri = camel.chat(OPTIONS + "&budget=b&ledgerFailure=failOpen");
        Exchange first = camel.send(uri, PROMPT);
        assertNull(first.getException());
        BigDecimal firstCost = first.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
        await(() -> row() != null && row().spent().compareTo(firstCost) == 0, "the first call booked");
        ledgerDb.down(true);
        int before = EMULATOR.emulator().chatRequests().size();
        Exchange ex = camel.send(uri, PROMPT);
        assertNull(ex.getException(), () -> "admitted: " + ex.getException());
        assertEquals(before + 1, EMULATOR.emulator().chatRequests().size());
        BigDecimal cost = ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
        assertNotNull(cost);
        JournaledLedger journaled = (JournaledLedger) camel.component.runtime().bookingLedger();
        await(() -> journaled.journal().size() == 1, "the settlement journaled");
        assertEquals(0, row().spent().compareTo(firstCost), "not booked while down");
        ledgerDb.down(false);
        await(() -> journaled.journal().size() == 0, "the journal replayed");
        assertEquals(0, row().spent().compareTo(firstCost.add(cost)), "spent " + row().spent());
        assertEquals(0, row().reserved().signum(), "nothing was reserved for the second call");
    }

    @Test
    void aSettlementAppliedWhoseAcknowledgementIsLostIsBookedOnce() throws Exception {
        start(h2(), null);
        String uri = camel.chat(OPTIONS + "&budget=b");
        // the reservation's transaction commits first; the settlement's commit is the one whose answer is lost
        ledgerDb.loseCommitAckAfter(1);
        Exchange ex = camel.send(uri, PROMPT);
        assertNull(ex.getException());
        BigDecimal cost = ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
        JournaledLedger journaled = (JournaledLedger) camel.component.runtime().bookingLedger();
        await(() -> row() != null && row().reserved().signum() == 0, "the settlement applied");
        await(() -> journaled.journal().size() == 0, "the replay finds it applied");
        Thread.sleep(LedgerWriter.IDLE_MILLIS * 2);
        assertEquals(0, row().spent().compareTo(cost), "spent " + row().spent() + " = cost " + cost);
    }

    @Test
    void anInvalidLedgerFailureIsRefusedAtEndpointCreation() {
        Exception e = assertThrows(Exception.class, () -> camel.context.getEndpoint(camel.chat(OPTIONS
                + "&ledgerFailure=open")));
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        assertEquals("Invalid value 'open' for ledgerFailure: expected failClosed or failOpen", cause.getMessage());
        assertTrue(e instanceof ResolveEndpointFailedException || e instanceof FailedToCreateProducerException,
                e.toString());
    }
}
