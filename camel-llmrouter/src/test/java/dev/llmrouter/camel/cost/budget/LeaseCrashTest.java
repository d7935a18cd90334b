package dev.llmrouter.camel.cost.budget;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import dev.llmrouter.camel.cost.TestPostgres;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

import static dev.llmrouter.camel.cost.PricingCatalogTest.assertDecimal;
import static dev.llmrouter.camel.cost.budget.LedgerContract.LIMIT;
import static dev.llmrouter.camel.cost.budget.LedgerContract.W;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JVM that dies between reserve and settle ({@link LeaseCrashChild}, a real child process) on a database shared
 * with this one: its reservation holds until its lease expires, or until its next incarnation (same instance id)
 * starts, and then the budget is usable again. On an H2 file database (AUTO_SERVER) and on PostgreSQL.
 */
class LeaseCrashTest {

    @TempDir
    Path dir;

    /** {url, user, password} of the database; for H2 a connection is kept open so this JVM serves the file. */
    private String[] database(String kind, List<AutoCloseable> keep) throws Exception {
        if (kind.equals("h2")) {
            String url = "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath() + ";AUTO_SERVER=TRUE";
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL(url);
            ds.setUser("sa");
            ds.setPassword("");
            keep.add(ds.getConnection());
            return new String[] {url, "sa", ""};
        }
        PGSimpleDataSource pg = (PGSimpleDataSource) TestPostgres.dataSource();
        return new String[] {pg.getURL(), pg.getUser(), pg.getPassword() == null ? "" : pg.getPassword()};
    }

    private static DataSource dataSource(String[] db) {
        if (db[0].startsWith("jdbc:h2:")) {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL(db[0]);
            ds.setUser(db[1]);
            ds.setPassword(db[2]);
            return ds;
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(db[0]);
        pg.setUser(db[1]);
        pg.setPassword(db[2].isEmpty() ? null : db[2]);
        return pg;
    }

    /** Starts the child JVM and waits until it says it holds its reservation. */
    private static Process child(String[] db, String table, String instance, long leaseMillis, String mode)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LeaseCrashChild.class.getName(), db[0], db[1], db[2], table, instance, Long.toString(leaseMillis),
                "0.9", mode).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.startsWith("RESERVED ")) {
                assertEquals("RESERVED true", line, seen.toString());
                return p;
            }
        }
        p.destroyForcibly();
        throw new AssertionError("the child JVM ended without reserving:\n" + seen);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aKilledJvmsReservationHoldsOnlyUntilItsLeaseExpires(String kind) throws Exception {
        List<AutoCloseable> keep = new java.util.ArrayList<>();
        String table = "crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try {
            String[] db = database(kind, keep);
            JdbcLedger ledger = new JdbcLedger(dataSource(db), table, Duration.ofMinutes(10), "survivor",
                    Clock.systemUTC()).start();
            long lease = 4_000;
            Process p = child(db, table, "doomed-" + kind, lease, "hang");
            long reservedAt = System.nanoTime();
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));

            assertDecimal("0.9", ledger.reserved("crash", "", W));
            assertFalse(ledger.reserve("crash", "", W, LIMIT, new BigDecimal("0.5")).isGranted(),
                    "the dead JVM's reservation still holds within its lease");
            Reservation after = null;
            while (System.nanoTime() - reservedAt < TimeUnit.MILLISECONDS.toNanos(lease + 20_000)) {
                after = ledger.reserve("crash", "", W, LIMIT, new BigDecimal("0.5"));
                if (after.isGranted()) {
                    break;
                }
                Thread.sleep(200);
            }
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - reservedAt);
            assertTrue(after != null && after.isGranted(), "usable again after the lease; waited " + waited + " ms");
            assertTrue(waited >= lease - 1_000, "not before the lease ended: " + waited + " ms");
            assertDecimal("0.5", ledger.reserved("crash", "", W));
            assertDecimal("0", ledger.spent("crash", "", W));
        } finally {
            cleanUp(kind, table, keep);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theNextIncarnationReleasesAtOnceWhatItsPredecessorLeft(String kind) throws Exception {
        List<AutoCloseable> keep = new java.util.ArrayList<>();
        String table = "crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try {
            String[] db = database(kind, keep);
            DataSource ds = dataSource(db);
            JdbcLedger other = new JdbcLedger(ds, table, Duration.ofMinutes(10), "other", Clock.systemUTC()).start();
            Process p = child(db, table, "app-7", Duration.ofMinutes(10).toMillis(), "halt");
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(3, p.exitValue(), "the child halted");
            assertDecimal("0.9", other.reserved("crash", "", W));

            new JdbcLedger(ds, table, Duration.ofMinutes(10), "app-8", Clock.systemUTC()).start();
            assertDecimal("0.9", other.reserved("crash", "", W));
            assertFalse(other.reserve("crash", "", W, LIMIT, new BigDecimal("0.5")).isGranted(),
                    "another instance id does not release the dead one's reservation");

            JdbcLedger restarted = new JdbcLedger(ds, table, Duration.ofMinutes(10), "app-7", Clock.systemUTC())
                    .start();
            assertDecimal("0", other.reserved("crash", "", W));
            assertTrue(restarted.reserve("crash", "", W, LIMIT, new BigDecimal("0.5")).isGranted());
            assertDecimal("0", restarted.spent("crash", "", W));
        } finally {
            cleanUp(kind, table, keep);
        }
    }

    private static void cleanUp(String kind, String table, List<AutoCloseable> keep) throws Exception {
        if (kind.equals("postgres")) {
            PostgresLedgerTest.drop(TestPostgres.dataSource(), table + "_reservation");
            PostgresLedgerTest.drop(TestPostgres.dataSource(), table);
        }
        for (AutoCloseable c : keep) {
            c.close();
        }
    }
}
