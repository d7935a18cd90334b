package dev.llmrouter.camel.cost.budget;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import dev.llmrouter.camel.cost.SwitchableDataSource;
import dev.llmrouter.camel.cost.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link JournaledLedger}, {@link SettlementJournal} and {@link JdbcLedger#settleOnce} on H2 and PostgreSQL. */
class JournaledLedgerTest {

    private static final Instant W = Instant.parse("2026-01-01T00:00:00Z");
    private static final BigDecimal LIMIT = new BigDecimal("10");

    @TempDir
    Path dir;

    @Test
    void settleOnceWithTheSameIdCountsOnceOnH2() {
        settleOnceCountsOnce(H2LedgerTest.h2("journal_" + UUID.randomUUID().toString().replace("-", "")), "t1");
    }

    @Test
    void settleOnceWithTheSameIdCountsOnceOnPostgres() throws Exception {
        String table = "journal_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            settleOnceCountsOnce(TestPostgres.dataSource(), table);
        } finally {
            PostgresLedgerTest.drop(TestPostgres.dataSource(), table);
        }
    }

    private void settleOnceCountsOnce(DataSource ds, String table) {
        JdbcLedger l = new JdbcLedger(ds, table).start();
        Reservation r = l.reserve("b", "s", W, LIMIT, new BigDecimal("1"));
        l.settleOnce("id-1", r, new BigDecimal("0.25"));
        l.settleOnce("id-1", r, new BigDecimal("0.25"));
        assertEquals(0, new BigDecimal("0.25").compareTo(l.spent("b", "s", W)));
        assertEquals(0, l.reserved("b", "s", W).signum());
        // a settlement for a key without a row yet (admitted fail-open) creates it
        l.settleOnce("id-2", new Reservation("b", "new", W, BigDecimal.ZERO, true, null), new BigDecimal("0.5"));
        l.settleOnce("id-2", new Reservation("b", "new", W, BigDecimal.ZERO, true, null), new BigDecimal("0.5"));
        assertEquals(0, new BigDecimal("0.5").compareTo(l.spent("b", "new", W)));
    }

    @Test
    void aFailedSettlementIsReplayedOnceTheLedgerIsBack() {
        SwitchableDataSource ds = new SwitchableDataSource(
                H2LedgerTest.h2("journal_" + UUID.randomUUID().toString().replace("-", "")));
        JdbcLedger jdbc = new JdbcLedger(ds, "t").start();
        JournaledLedger l = new JournaledLedger(jdbc, SettlementJournal.inMemory());
        Reservation r = l.reserve("b", "", W, LIMIT, new BigDecimal("1"));
        ds.down(true);
        l.settle(r, new BigDecimal("0.4"));
        l.settle(r, new BigDecimal("0.4"));
        assertEquals(1, l.journal().size(), "a reservation is settled once");
        assertFalse(l.replay(), "still down");
        ds.down(false);
        assertTrue(l.replay());
        assertTrue(l.replay());
        assertEquals(0, l.journal().size());
        assertEquals(0, new BigDecimal("0.4").compareTo(jdbc.spent("b", "", W)));
        assertEquals(0, jdbc.reserved("b", "", W).signum());
    }

    @Test
    void anAcknowledgementLostAfterTheCommitIsNotCountedTwice() {
        SwitchableDataSource ds = new SwitchableDataSource(
                H2LedgerTest.h2("journal_" + UUID.randomUUID().toString().replace("-", "")));
        JdbcLedger jdbc = new JdbcLedger(ds, "t").start();
        JournaledLedger l = new JournaledLedger(jdbc, SettlementJournal.inMemory());
        Reservation r = l.reserve("b", "", W, LIMIT, new BigDecimal("1"));
        ds.loseNextCommitAck();
        l.settle(r, new BigDecimal("0.4"));
        assertEquals(1, l.journal().size(), "not acknowledged: kept");
        assertEquals(0, new BigDecimal("0.4").compareTo(jdbc.spent("b", "", W)), "but applied");
        assertTrue(l.replay());
        assertEquals(0, l.journal().size());
        assertEquals(0, new BigDecimal("0.4").compareTo(jdbc.spent("b", "", W)), "applied once");
    }

    @Test
    void aJournalFileKeepsWhatIsPendingAcrossReopeningAndIgnoresATornLine() throws Exception {
        Path file = dir.resolve("j.log");
        SettlementJournal.Entry a = new SettlementJournal.Entry("a", "b", "", W, new BigDecimal("1"),
                new BigDecimal("0.2"));
        SettlementJournal.Entry b = new SettlementJournal.Entry("b", "b", "tenant 1", W, BigDecimal.ZERO,
                new BigDecimal("0.3"));
        SettlementJournal.Entry c = new SettlementJournal.Entry("c", "b", "x", W, BigDecimal.ONE, BigDecimal.ONE);
        try (SettlementJournal j = SettlementJournal.open(file)) {
            j.add(a);
            j.add(b);
            j.add(c);
            j.done("c");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> SettlementJournal.open(file));
            assertEquals("Invalid value for ledgerJournalFile: " + file + " is in use by another journal",
                    e.getMessage());
        }
        Files.writeString(file, "P d Yg eA 1 1 0.00", StandardOpenOption.APPEND);
        try (SettlementJournal j = SettlementJournal.open(file)) {
            assertEquals(List.of(a, b), j.pending());
            j.done("a");
            j.done("b");
            assertEquals(0, Files.size(file), "emptied when nothing is pending");
        }
        try (SettlementJournal j = SettlementJournal.open(file)) {
            assertEquals(0, j.size());
        }
    }
}
