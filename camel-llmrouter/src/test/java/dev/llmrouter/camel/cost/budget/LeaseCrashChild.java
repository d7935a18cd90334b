package dev.llmrouter.camel.cost.budget;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The JVM that dies mid-call, for {@link LeaseCrashTest}: reserves {@code amount} on budget {@code crash} of a JDBC
 * ledger, prints {@code RESERVED true|false}, then either halts at once ({@code halt}) or waits to be killed
 * ({@code hang}), never settling.
 * <p>
 * Arguments: url user password table instanceId leaseMillis amount halt|hang.
 */
public final class LeaseCrashChild {

    private LeaseCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        DataSource ds;
        if (args[0].startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(args[0]);
            h2.setUser(args[1]);
            h2.setPassword(args[2]);
            ds = h2;
        } else {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(args[0]);
            pg.setUser(args[1]);
            pg.setPassword(args[2].isEmpty() ? null : args[2]);
            ds = pg;
        }
        JdbcLedger ledger = new JdbcLedger(ds, args[3], Duration.ofMillis(Long.parseLong(args[5])), args[4],
                Clock.systemUTC()).start();
        Reservation r = ledger.reserve("crash", "", LedgerContract.W, LedgerContract.LIMIT, new BigDecimal(args[6]));
        System.out.println("RESERVED " + r.isGranted());
        System.out.flush();
        if ("halt".equals(args[7])) {
            Runtime.getRuntime().halt(3);
        }
        Thread.sleep(600_000);
    }
}
