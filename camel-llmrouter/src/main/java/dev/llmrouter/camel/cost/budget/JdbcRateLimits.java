package dev.llmrouter.camel.cost.budget;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * {@link RateLimits} in a SQL table shared by every JVM that uses it: one row per (budget, scope key, minute) with
 * {@code requests} and {@code tokens}. An admission is one conditional
 * {@code UPDATE ... SET requests = requests + 1, tokens = tokens + ? WHERE <key> AND requests + 1 <= rpm AND
 * tokens + ? <= tpm}, so the row lock decides between concurrent admissions on any number of connections. When no
 * row was updated the row is read: a missing row is inserted (a concurrent insert's duplicate-key error is expected)
 * and the update tried again; a row whose counts would still take the request (it appeared or shrank meanwhile) is
 * tried again too; only counts that cannot take it refuse. Settlement and release are single {@code UPDATE}s.
 * Rows more than ten minutes old are deleted once a minute per instance.
 * <p>
 * Every statement runs in auto-commit mode on a connection taken from the {@link DataSource} and closed right after.
 * Minutes are stored as epoch milliseconds.
 */
public final class JdbcRateLimits implements RateLimits {

    private static final String KEY = " WHERE budget = ? AND scope_key = ? AND window_start = ?";
    private static final int ATTEMPTS = 20;

    private final DataSource dataSource;
    private final String table;
    private final String acquireSql;
    private final String settleSql;
    private final String releaseSql;
    private final String selectSql;
    private final String insertSql;
    private final String purgeSql;
    private volatile Instant newest = Instant.EPOCH;

    /**
     * A store on {@code table}; call {@link #start()} before use.
     *
     * @param table a plain SQL identifier matching {@code [A-Za-z_][A-Za-z0-9_]*}
     */
    public JdbcRateLimits(DataSource dataSource, String table) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = JdbcLedger.validTable(table);
        String tokensPlus = "CASE WHEN tokens + ? < 0 THEN 0 ELSE tokens + ? END";
        this.acquireSql = "UPDATE " + table + " SET requests = requests + 1, tokens = tokens + ?" + KEY
                + " AND requests + 1 <= ? AND tokens + ? <= ?";
        this.settleSql = "UPDATE " + table + " SET tokens = " + tokensPlus + KEY;
        this.releaseSql = "UPDATE " + table + " SET requests = CASE WHEN requests < 1 THEN 0 ELSE requests - 1 END,"
                + " tokens = " + tokensPlus + KEY;
        this.selectSql = "SELECT requests, tokens FROM " + table + KEY;
        this.insertSql = "INSERT INTO " + table + " (budget, scope_key, window_start, requests, tokens)"
                + " VALUES (?, ?, ?, 0, 0)";
        this.purgeSql = "DELETE FROM " + table + " WHERE window_start < ?";
    }

    /** Creates the table if it does not exist. Safe to call from several JVMs at once. */
    public JdbcRateLimits start() {
        Sql.createTable(dataSource, table, "CREATE TABLE IF NOT EXISTS " + table + " ("
                + "budget VARCHAR(100) NOT NULL, scope_key VARCHAR(400) NOT NULL, window_start BIGINT NOT NULL, "
                + "requests BIGINT NOT NULL, tokens BIGINT NOT NULL, "
                + "PRIMARY KEY (budget, scope_key, window_start))");
        return this;
    }

    /** The table this store uses. */
    public String table() {
        return table;
    }

    @Override
    public RateGrant acquire(String budget, String scopeKey, Instant minute, long rpm, long tpm, long tokens) {
        RateWindow.check(budget, scopeKey, minute, tokens);
        try (Connection c = Sql.open(dataSource)) {
            purge(c, minute);
            long[] now = null;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int updated;
                try (PreparedStatement ps = c.prepareStatement(acquireSql)) {
                    ps.setLong(1, tokens);
                    key(ps, 2, budget, scopeKey, minute);
                    ps.setLong(5, rpm);
                    ps.setLong(6, tokens);
                    ps.setLong(7, tpm);
                    updated = ps.executeUpdate();
                }
                if (updated == 1) {
                    long[] after = readQuietly(c, budget, scopeKey, minute);
                    return new RateGrant(budget, scopeKey, minute, tokens, true, after[0], after[1]);
                }
                now = read(c, budget, scopeKey, minute);
                if (now == null) {
                    insertRow(c, budget, scopeKey, minute);
                } else if (now[0] + 1 > rpm || now[1] + tokens > tpm) {
                    return new RateGrant(budget, scopeKey, minute, tokens, false, now[0], now[1]);
                }
                // the row appeared, or its counts went down, after the update looked: try again
            }
            throw new IllegalStateException("rate row " + budget + "/" + scopeKey + " kept changing while admitting");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot admit on rate table " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void settle(RateGrant grant, long actualTokens) {
        if (grant == null || !grant.markFinished()) {
            return;
        }
        change(settleSql, grant, Math.max(0, actualTokens) - grant.tokens());
    }

    @Override
    public void release(RateGrant grant) {
        if (grant == null || !grant.markFinished()) {
            return;
        }
        change(releaseSql, grant, -grant.tokens());
    }

    @Override
    public long[] usage(String budget, String scopeKey, Instant minute) {
        try (Connection c = Sql.open(dataSource)) {
            long[] now = read(c, budget, scopeKey, minute);
            return now == null ? new long[] {0, 0} : now;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read rate table " + table + ": " + e.getMessage(), e);
        }
    }

    private void change(String sql, RateGrant grant, long delta) {
        try (Connection c = Sql.open(dataSource); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, delta);
            ps.setLong(2, delta);
            key(ps, 3, grant.budget(), grant.scopeKey(), grant.minute());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot settle on rate table " + table + ": " + e.getMessage(), e);
        }
    }

    private void purge(Connection c, Instant minute) {
        if (!minute.isAfter(newest)) {
            return;
        }
        newest = minute;
        try (PreparedStatement ps = c.prepareStatement(purgeSql)) {
            ps.setLong(1, minute.minus(Duration.ofMinutes(10)).toEpochMilli());
            ps.executeUpdate();
        } catch (SQLException e) {
            // old rows only take space; the next minute tries again
            newest = Instant.EPOCH;
        }
    }

    private static void key(PreparedStatement ps, int from, String budget, String scopeKey, Instant minute)
            throws SQLException {
        ps.setString(from, budget);
        ps.setString(from + 1, scopeKey);
        ps.setLong(from + 2, minute.toEpochMilli());
    }

    private long[] read(Connection c, String budget, String scopeKey, Instant minute) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(selectSql)) {
            key(ps, 1, budget, scopeKey, minute);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : null;
            }
        }
    }

    private long[] readQuietly(Connection c, String budget, String scopeKey, Instant minute) {
        try {
            long[] now = read(c, budget, scopeKey, minute);
            return now == null ? new long[] {-1, -1} : now;
        } catch (SQLException e) {
            // the request is admitted: hand the grant back even if the follow-up read failed
            return new long[] {-1, -1};
        }
    }

    private void insertRow(Connection c, String budget, String scopeKey, Instant minute) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertSql)) {
            key(ps, 1, budget, scopeKey, minute);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!Sql.isDuplicateKey(e)) {
                throw e;
            }
        }
    }
}
