package dev.llmrouter.camel.cost;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * A {@link BudgetLedger} in a SQL database, shared by every JVM that uses the same table. One row per (budget,
 * scope key, window) holds {@code spent} and {@code reserved}. A reservation is a single conditional
 * {@code UPDATE ... SET reserved = reserved + ? WHERE <key> AND spent + reserved + ? <= limit}, so the database's
 * row lock decides between concurrent reservers on any number of connections; a missing row is inserted first
 * (a concurrent insert's duplicate-key error is expected and ignored). Settlement and release are single
 * {@code UPDATE}s too. The held amount travels in the {@link Reservation}; no reservation table is kept, so an
 * amount held by a JVM that dies before settling stays reserved until its window ends. {@link #settleOnce} (used for
 * journaled settlements) records each settlement id in {@code <table>_settled} in the same transaction as the
 * settlement, so a replayed settlement counts once.
 * <p>
 * The SQL is portable (tested on H2 and PostgreSQL). Every statement runs in auto-commit mode on a connection taken
 * from the {@link DataSource} and closed right after, so any pool can be used. Windows are stored as epoch
 * milliseconds.
 */
public final class JdbcLedger implements BudgetLedger {

    /** The default table name. */
    public static final String DEFAULT_TABLE = "llmrouter_budget";

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String DEC = "CAST(? AS DECIMAL(30," + SCALE + "))";
    private static final String KEY = " WHERE budget = ? AND scope_key = ? AND window_start = ?";
    private static final List<BigDecimal> NONE = List.of();

    private final DataSource dataSource;
    private final String table;
    private final String reserveSql;
    private final String settleSql;
    private final String releaseSql;
    private final String selectSql;
    private final String insertSql;

    /** A ledger on {@link #DEFAULT_TABLE}; call {@link #start()} before use. */
    public JdbcLedger(DataSource dataSource) {
        this(dataSource, DEFAULT_TABLE);
    }

    /**
     * A ledger on the given table; call {@link #start()} before use.
     *
     * @param table a plain SQL identifier matching {@code [A-Za-z_][A-Za-z0-9_]*}
     */
    public JdbcLedger(DataSource dataSource, String table) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = validTable(table);
        String reservedMinus = "CASE WHEN reserved - " + DEC + " < 0 THEN 0 ELSE reserved - " + DEC + " END";
        this.reserveSql = "UPDATE " + table + " SET reserved = reserved + " + DEC + KEY
                + " AND spent + reserved + " + DEC + " <= " + DEC;
        this.settleSql = "UPDATE " + table + " SET reserved = " + reservedMinus + ", spent = spent + " + DEC + KEY;
        this.releaseSql = "UPDATE " + table + " SET reserved = " + reservedMinus + KEY;
        this.selectSql = "SELECT spent, reserved FROM " + table + KEY;
        this.insertSql = "INSERT INTO " + table
                + " (budget, scope_key, window_start, spent, reserved) VALUES (?, ?, ?, 0, 0)";
    }

    /** Checks a table name against {@code [A-Za-z_][A-Za-z0-9_]*}; returns it. */
    static String validTable(String table) {
        if (table == null || !TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("table name must match [A-Za-z_][A-Za-z0-9_]* but was '" + table + "'");
        }
        return table;
    }

    /** Creates the table if it does not exist. Safe to call from several JVMs at once. */
    public JdbcLedger start() {
        Sql.createTable(dataSource, table, "CREATE TABLE IF NOT EXISTS " + table + " ("
                + "budget VARCHAR(100) NOT NULL, scope_key VARCHAR(400) NOT NULL, window_start BIGINT NOT NULL, "
                + "spent DECIMAL(30," + SCALE + ") NOT NULL, reserved DECIMAL(30," + SCALE + ") NOT NULL, "
                + "PRIMARY KEY (budget, scope_key, window_start))");
        Sql.createTable(dataSource, table + "_settled", "CREATE TABLE IF NOT EXISTS " + table + "_settled ("
                + "settlement_id VARCHAR(64) NOT NULL PRIMARY KEY, window_start BIGINT NOT NULL)");
        return this;
    }

    /** The table this ledger uses. */
    public String table() {
        return table;
    }

    @Override
    public Reservation reserve(String budget, String scopeKey, Instant windowStart, BigDecimal limit,
                               BigDecimal amount) {
        Amounts.requireKey(budget, scopeKey, windowStart);
        Amounts.nonNegative(limit, "limit");
        BigDecimal a = Amounts.reservation(amount);
        try (Connection c = Sql.open(dataSource)) {
            for (int attempt = 0; attempt < 2; attempt++) {
                if (update(c, reserveSql, List.of(a), budget, scopeKey, windowStart, List.of(a, limit)) == 1) {
                    BigDecimal remaining = null;
                    try {
                        BigDecimal[] now = read(c, budget, scopeKey, windowStart);
                        remaining = now == null ? null : Amounts.remaining(limit, now[0], now[1]);
                    } catch (SQLException e) {
                        // the amount is held: hand the reservation back even if the follow-up read failed
                    }
                    return new Reservation(budget, scopeKey, windowStart, a, true, remaining);
                }
                BigDecimal[] now = read(c, budget, scopeKey, windowStart);
                if (now != null) {
                    return new Reservation(budget, scopeKey, windowStart, a, false,
                            Amounts.remaining(limit, now[0], now[1]));
                }
                insertRow(c, budget, scopeKey, windowStart);
            }
            throw new IllegalStateException("budget row " + budget + "/" + scopeKey + " vanished while reserving");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reserve on budget table " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void settle(Reservation r, BigDecimal actual) {
        BigDecimal value = Amounts.actual(actual);
        if (r == null || !r.markFinished()) {
            return;
        }
        try (Connection c = Sql.open(dataSource)) {
            List<BigDecimal> amounts = List.of(r.amount(), r.amount(), value);
            if (update(c, settleSql, amounts, r.budget(), r.scopeKey(), r.windowStart(), NONE) == 0) {
                insertRow(c, r.budget(), r.scopeKey(), r.windowStart());
                update(c, settleSql, amounts, r.budget(), r.scopeKey(), r.windowStart(), NONE);
            }
        } catch (SQLException e) {
            r.reopen();
            throw new IllegalStateException("Cannot settle on budget table " + table + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records {@code settlementId} in {@code <table>_settled} and applies the settlement in the same transaction; an
     * id already recorded makes this a no-op, so a replay after a lost acknowledgement does not count twice.
     */
    @Override
    public void settleOnce(String settlementId, Reservation r, BigDecimal actual) {
        BigDecimal value = Amounts.actual(actual);
        try (Connection c = Sql.open(dataSource)) {
            if (read(c, r.budget(), r.scopeKey(), r.windowStart()) == null) {
                // outside the transaction: a concurrent insert's duplicate key would abort it on PostgreSQL
                insertRow(c, r.budget(), r.scopeKey(), r.windowStart());
            }
            c.setAutoCommit(false);
            try {
                if (claim(c, settlementId, r.windowStart())) {
                    update(c, settleSql, List.of(r.amount(), r.amount(), value), r.budget(), r.scopeKey(),
                            r.windowStart(), NONE);
                    c.commit();
                } else {
                    c.rollback();
                }
            } catch (SQLException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone: nothing was committed
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // closed next anyway
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot settle on budget table " + table + ": " + e.getMessage(), e);
        }
    }

    /** Inserts the settlement id; false when it was there already. */
    private boolean claim(Connection c, String settlementId, Instant windowStart) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + "_settled WHERE settlement_id = ?")) {
            ps.setString(1, settlementId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                + "_settled (settlement_id, window_start) VALUES (?, ?)")) {
            ps.setString(1, settlementId);
            ps.setLong(2, windowStart.toEpochMilli());
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Sql.isDuplicateKey(e)) {
                // written at the same moment by another writer: applied once, by that one
                return false;
            }
            throw e;
        }
    }

    @Override
    public void release(Reservation r) {
        if (r == null || !r.markFinished()) {
            return;
        }
        try (Connection c = Sql.open(dataSource)) {
            update(c, releaseSql, List.of(r.amount(), r.amount()), r.budget(), r.scopeKey(), r.windowStart(), NONE);
        } catch (SQLException e) {
            r.reopen();
            throw new IllegalStateException("Cannot release on budget table " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public BigDecimal spent(String budget, String scopeKey, Instant windowStart) {
        BigDecimal[] row = readOnce(budget, scopeKey, windowStart);
        return row == null ? BigDecimal.ZERO : row[0];
    }

    @Override
    public BigDecimal reserved(String budget, String scopeKey, Instant windowStart) {
        BigDecimal[] row = readOnce(budget, scopeKey, windowStart);
        return row == null ? BigDecimal.ZERO : row[1];
    }

    @Override
    public BigDecimal remaining(String budget, String scopeKey, Instant windowStart, BigDecimal limit) {
        BigDecimal[] row = readOnce(budget, scopeKey, windowStart);
        return row == null ? limit.max(BigDecimal.ZERO) : Amounts.remaining(limit, row[0], row[1]);
    }

    @Override
    public List<LedgerRow> snapshot() {
        String sql = "SELECT budget, scope_key, window_start, spent, reserved FROM " + table
                + " ORDER BY budget, scope_key, window_start";
        try (Connection c = Sql.open(dataSource); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            List<LedgerRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new LedgerRow(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                        rs.getBigDecimal(4), rs.getBigDecimal(5)));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read budget table " + table + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes rows of windows that started before {@code cutoff} and hold no reservation, and the settlement ids
     * recorded for those windows; returns the count of budget rows.
     */
    public int deleteWindowsBefore(Instant cutoff) {
        String sql = "DELETE FROM " + table + " WHERE window_start < ? AND reserved = 0";
        try (Connection c = Sql.open(dataSource); PreparedStatement ps = c.prepareStatement(sql);
             PreparedStatement ids = c.prepareStatement("DELETE FROM " + table + "_settled WHERE window_start < ?")) {
            ps.setLong(1, cutoff.toEpochMilli());
            ids.setLong(1, cutoff.toEpochMilli());
            ids.executeUpdate();
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot clean budget table " + table + ": " + e.getMessage(), e);
        }
    }

    private BigDecimal[] readOnce(String budget, String scopeKey, Instant windowStart) {
        try (Connection c = Sql.open(dataSource)) {
            return read(c, budget, scopeKey, windowStart);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read budget table " + table + ": " + e.getMessage(), e);
        }
    }

    private BigDecimal[] read(Connection c, String budget, String scopeKey, Instant windowStart) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(selectSql)) {
            ps.setString(1, budget);
            ps.setString(2, scopeKey);
            ps.setLong(3, windowStart.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new BigDecimal[] {rs.getBigDecimal(1), rs.getBigDecimal(2)} : null;
            }
        }
    }

    private void insertRow(Connection c, String budget, String scopeKey, Instant windowStart) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertSql)) {
            ps.setString(1, budget);
            ps.setString(2, scopeKey);
            ps.setLong(3, windowStart.toEpochMilli());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!Sql.isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    /** Runs an UPDATE binding {@code head} decimals, then the key (budget, scope, window), then {@code tail}. */
    private static int update(Connection c, String sql, List<BigDecimal> head, String budget, String scopeKey,
                              Instant windowStart, List<BigDecimal> tail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (BigDecimal d : head) {
                ps.setBigDecimal(i++, d);
            }
            ps.setString(i++, budget);
            ps.setString(i++, scopeKey);
            ps.setLong(i++, windowStart.toEpochMilli());
            for (BigDecimal d : tail) {
                ps.setBigDecimal(i++, d);
            }
            return ps.executeUpdate();
        }
    }
}
