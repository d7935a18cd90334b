package dev.llmrouter.camel.cost.budget;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A {@link BudgetLedger} in a SQL database, shared by every JVM that uses the same tables. One row per (budget,
 * scope key, window) in the budget table holds {@code spent}; each granted reservation is a lease row in
 * {@code <table>_reservation} (key, reservation id, instance id, incarnation, amount, expires_at). {@code reserved}
 * is the sum of the key's unexpired leases, so an amount held by a JVM that dies before settling stops counting
 * when its lease expires; in-flight calls {@link #renew renew} theirs.
 * {@link #settleOnce} (used for journaled settlements) records each settlement id in {@code <table>_settled} in the
 * same transaction as the settlement, so a replayed settlement counts once.
 * <p>
 * A {@link #reserveAll nested reservation} is the same transaction over several keys, locking their rows in
 * {@link BudgetLevel#LOCK_ORDER} and inserting a lease on each only when every level fits.
 * <p>
 * A reservation is one transaction that locks the key's budget row ({@code SELECT ... FOR UPDATE}; a missing row is
 * inserted first, and an insert that loses the race to another reserver rolls back and locks the row the winner
 * made, never refusing for that), drops the key's expired leases, sums the live ones and inserts the new lease when
 * {@code spent + live + amount <= limit}. A settlement adds the actual cost to {@code spent} and deletes the lease in
 * one transaction, whether or not the lease has expired, so the cost is booked exactly once.
 * <p>
 * Instances: each ledger has an instance id (stable across restarts of the same application instance, e.g. host
 * name plus CamelContext name) and an incarnation (a random UUID per {@link #start()}). {@link #start()} deletes
 * every lease left by the same instance id, i.e. by its previous incarnation, so two live instances must never share
 * an instance id. Expiry uses this JVM's clock; the clocks of instances on one database should agree to well within
 * a lease. The budget table's {@code reserved} column is no longer read or written (kept for old schemas).
 * <p>
 * The SQL is portable (tested on H2 and PostgreSQL). Connections come from the {@link DataSource} and are closed
 * right after, so any pool can be used. Windows and expiry times are stored as epoch milliseconds.
 */
public final class JdbcLedger implements BudgetLedger {

    /** The default table name. */
    public static final String DEFAULT_TABLE = "llmrouter_budget";

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String DEC = "CAST(? AS DECIMAL(30," + SCALE + "))";
    private static final String KEY = " WHERE budget = ? AND scope_key = ? AND window_start = ?";

    private final DataSource dataSource;
    private final String table;
    private final String leases;
    private final long leaseMillis;
    private final String instanceId;
    private final Clock clock;
    private volatile String incarnation;
    private final JdbcRateLimits rateLimits;

    /** A ledger on {@link #DEFAULT_TABLE}; call {@link #start()} before use. */
    public JdbcLedger(DataSource dataSource) {
        this(dataSource, DEFAULT_TABLE);
    }

    /**
     * A ledger on the given table with {@link InMemoryLedger#DEFAULT_LEASE} leases and a random instance id (so
     * nothing is recovered on restart: leases left by a crash expire); call {@link #start()} before use.
     *
     * @param table a plain SQL identifier matching {@code [A-Za-z_][A-Za-z0-9_]*}
     */
    public JdbcLedger(DataSource dataSource, String table) {
        this(dataSource, table, InMemoryLedger.DEFAULT_LEASE, null, Clock.systemUTC());
    }

    /**
     * A ledger on the given table; call {@link #start()} before use.
     *
     * @param table      a plain SQL identifier matching {@code [A-Za-z_][A-Za-z0-9_]*}; the leases go to
     *                   {@code <table>_reservation}
     * @param lease      how long a reservation holds its amount unless renewed or finished
     * @param instanceId this application instance's stable name (at most 200 characters): on start, leases left under
     *                   it are released; null for a random one
     * @param clock      decides when leases expire
     */
    public JdbcLedger(DataSource dataSource, String table, Duration lease, String instanceId, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = validTable(table);
        this.leases = table + "_reservation";
        this.leaseMillis = InMemoryLedger.positive(lease).toMillis();
        this.instanceId = instanceId == null || instanceId.isBlank() ? UUID.randomUUID().toString() : instanceId;
        if (this.instanceId.length() > 200) {
            throw new IllegalArgumentException("The ledger instance id must be at most 200 characters");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rateLimits = new JdbcRateLimits(dataSource, table + "_rate");
    }

    /** Checks a table name against {@code [A-Za-z_][A-Za-z0-9_]*}; returns it. */
    public static String validTable(String table) {
        if (table == null || !TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("table name must match [A-Za-z_][A-Za-z0-9_]* but was '" + table + "'");
        }
        return table;
    }

    /**
     * Creates the tables if they do not exist (safe from several JVMs at once), starts a new incarnation and releases
     * every lease the previous incarnation of this instance id left (and expired leases of any instance).
     */
    public JdbcLedger start() {
        Sql.createTable(dataSource, table, "CREATE TABLE IF NOT EXISTS " + table + " ("
                + "budget VARCHAR(100) NOT NULL, scope_key VARCHAR(400) NOT NULL, window_start BIGINT NOT NULL, "
                + "spent DECIMAL(30," + SCALE + ") NOT NULL, reserved DECIMAL(30," + SCALE + ") NOT NULL, "
                + "PRIMARY KEY (budget, scope_key, window_start))");
        Sql.createTable(dataSource, leases, "CREATE TABLE IF NOT EXISTS " + leases + " ("
                + "budget VARCHAR(100) NOT NULL, scope_key VARCHAR(400) NOT NULL, window_start BIGINT NOT NULL, "
                + "reservation_id VARCHAR(36) NOT NULL, instance_id VARCHAR(200) NOT NULL, "
                + "incarnation VARCHAR(36) NOT NULL, amount DECIMAL(30," + SCALE + ") NOT NULL, "
                + "expires_at BIGINT NOT NULL, PRIMARY KEY (budget, scope_key, window_start, reservation_id))");
        Sql.createTable(dataSource, table + "_settled", "CREATE TABLE IF NOT EXISTS " + table + "_settled ("
                + "settlement_id VARCHAR(64) NOT NULL PRIMARY KEY, window_start BIGINT NOT NULL)");
        rateLimits.start();
        incarnation = UUID.randomUUID().toString();
        for (int attempt = 1; ; attempt++) {
            try {
                releaseLeftovers();
                return this;
            } catch (SQLException e) {
                // a reserver deleting the same expired leases may make the database pick this one as a deadlock
                // victim: try again
                if (attempt == 3) {
                    throw new IllegalStateException("Cannot release the previous incarnation's leases in " + leases
                            + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private void releaseLeftovers() throws SQLException {
        try (Connection c = Sql.open(dataSource);
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + leases
                     + " WHERE instance_id = ? OR expires_at <= ?")) {
            ps.setString(1, instanceId);
            ps.setLong(2, clock.millis());
            ps.executeUpdate();
        }
    }

    /** Rate limits in the table {@code <table>_rate} of the same database. */
    @Override
    public RateLimits rateLimits() {
        return rateLimits;
    }

    /** The table this ledger uses. */
    public String table() {
        return table;
    }

    /** The table of the leases, {@code <table>_reservation}. */
    public String leaseTable() {
        return leases;
    }

    /** This instance's stable id. */
    public String instanceId() {
        return instanceId;
    }

    @Override
    public Reservation reserve(String budget, String scopeKey, Instant windowStart, BigDecimal limit,
                               BigDecimal amount) {
        return reserveAll(List.of(new BudgetLevel(budget, scopeKey, windowStart, limit)), amount).get(0);
    }

    /**
     * One transaction for every level: locks the levels' budget rows in {@link BudgetLevel#LOCK_ORDER} (so two nested
     * reservations on the same rows never deadlock), drops their expired leases, checks each level, and inserts a
     * lease on every level only when all fit. A refusal inserts nothing.
     */
    @Override
    public List<Reservation> reserveAll(List<BudgetLevel> levels, BigDecimal amount) {
        int[] order = BudgetLevel.lockOrder(BudgetLedger.requireLevels(levels));
        BigDecimal a = Amounts.reservation(amount);
        return transaction("reserve on budget table " + table, c -> {
            long now = clock.millis();
            BigDecimal[] spent = lockRows(c, levels, order);
            BigDecimal[] after = new BigDecimal[levels.size()];
            // the rows are locked: the levels are checked in the order given, the refusal names the first that refuses
            for (int i = 0; i < levels.size(); i++) {
                BudgetLevel l = levels.get(i);
                exec(c, "DELETE FROM " + leases + KEY + " AND expires_at <= ?", l.budget(), l.scopeKey(),
                        l.windowStart(), now);
                BigDecimal held = held(c, l.budget(), l.scopeKey(), l.windowStart(), now);
                after[i] = spent[i].add(held).add(a);
                if (after[i].compareTo(l.limit()) > 0) {
                    return List.of(new Reservation(UUID.randomUUID().toString(), l.budget(), l.scopeKey(),
                            l.windowStart(), a, false, Amounts.remaining(l.limit(), spent[i], held)));
                }
            }
            Reservation[] granted = new Reservation[levels.size()];
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + leases + " (budget, scope_key,"
                    + " window_start, reservation_id, instance_id, incarnation, amount, expires_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, " + DEC + ", ?)")) {
                for (int i : order) {
                    BudgetLevel l = levels.get(i);
                    String id = UUID.randomUUID().toString();
                    bindKey(ps, l.budget(), l.scopeKey(), l.windowStart());
                    ps.setString(4, id);
                    ps.setString(5, instanceId);
                    ps.setString(6, incarnation == null ? "" : incarnation);
                    ps.setBigDecimal(7, a);
                    ps.setLong(8, now + leaseMillis);
                    ps.executeUpdate();
                    granted[i] = new Reservation(id, l.budget(), l.scopeKey(), l.windowStart(), a, true,
                            l.limit().subtract(after[i]));
                }
            }
            return List.of(granted);
        });
    }

    /**
     * Locks the budget rows of {@code levels} in {@code order} for this transaction and returns their spent amounts
     * (by position in {@code levels}), inserting missing rows. An insert that loses the race to another reserver
     * rolls the transaction back and starts over from the first row, so the rows are always locked in order.
     */
    private BigDecimal[] lockRows(Connection c, List<BudgetLevel> levels, int[] order) throws SQLException {
        for (int attempt = 0; attempt < 5; attempt++) {
            BigDecimal[] spent = new BigDecimal[levels.size()];
            boolean raced = false;
            for (int i : order) {
                BudgetLevel l = levels.get(i);
                spent[i] = lockExisting(c, l.budget(), l.scopeKey(), l.windowStart());
                if (spent[i] != null) {
                    continue;
                }
                try {
                    insertRow(c, l.budget(), l.scopeKey(), l.windowStart());
                    spent[i] = BigDecimal.ZERO;
                } catch (SQLException e) {
                    if (!Sql.isDuplicateKey(e)) {
                        throw e;
                    }
                    // another reserver created the row first: start over and lock every row again, in order
                    c.rollback();
                    raced = true;
                    break;
                }
            }
            if (!raced) {
                return spent;
            }
        }
        throw new IllegalStateException("budget rows of " + levels.get(order[0]).budget()
                + " kept vanishing while reserving");
    }

    /** The spent amount of the key's row, locked for this transaction; null when there is no row. */
    private BigDecimal lockExisting(Connection c, String budget, String scopeKey, Instant windowStart)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT spent FROM " + table + KEY + " FOR UPDATE")) {
            bindKey(ps, budget, scopeKey, windowStart);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBigDecimal(1) : null;
            }
        }
    }

    /**
     * Locks the key's budget row for this transaction and returns its spent amount, inserting the row when it does
     * not exist. An insert that loses the race rolls back and locks the row the winner inserted.
     */
    private BigDecimal lockRow(Connection c, String budget, String scopeKey, Instant windowStart)
            throws SQLException {
        for (int attempt = 0; attempt < 5; attempt++) {
            try (PreparedStatement ps = c.prepareStatement("SELECT spent FROM " + table + KEY + " FOR UPDATE")) {
                bindKey(ps, budget, scopeKey, windowStart);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getBigDecimal(1);
                    }
                }
            }
            try {
                insertRow(c, budget, scopeKey, windowStart);
                return BigDecimal.ZERO;
            } catch (SQLException e) {
                if (!Sql.isDuplicateKey(e)) {
                    throw e;
                }
                // another reserver created the row first: start over and lock it
                c.rollback();
            }
        }
        throw new IllegalStateException("budget row " + budget + "/" + scopeKey + " vanished while reserving");
    }

    @Override
    public void settle(Reservation r, BigDecimal actual) {
        BigDecimal value = Amounts.actual(actual);
        if (r == null || !r.markFinished()) {
            return;
        }
        try {
            transaction("settle on budget table " + table, c -> {
                lockRow(c, r.budget(), r.scopeKey(), r.windowStart());
                book(c, r, value);
                return null;
            });
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException) {
                // not booked: the reservation may be settled again (or replayed from a journal)
                r.reopen();
            }
            throw e;
        }
    }

    /**
     * Records {@code settlementId} in {@code <table>_settled} and applies the settlement in the same transaction; an
     * id already recorded makes this a no-op, so a replay after a lost acknowledgement does not count twice.
     */
    @Override
    public void settleOnce(String settlementId, Reservation r, BigDecimal actual) {
        BigDecimal value = Amounts.actual(actual);
        transaction("settle on budget table " + table, c -> {
            lockRow(c, r.budget(), r.scopeKey(), r.windowStart());
            if (claim(c, settlementId, r.windowStart())) {
                book(c, r, value);
            } else {
                // written before: nothing of this transaction may stay (on PostgreSQL the failed insert aborted it)
                c.rollback();
            }
            return null;
        });
        r.markFinished();
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
            deleteLease(c, r);
        } catch (SQLException e) {
            r.reopen();
            throw new IllegalStateException("Cannot release on budget table " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void renew(Collection<Reservation> open) {
        List<Reservation> live = open.stream().filter(r -> r != null && r.isGranted() && !r.isFinished()).toList();
        if (live.isEmpty()) {
            return;
        }
        long now = clock.millis();
        try (Connection c = Sql.open(dataSource);
             PreparedStatement ps = c.prepareStatement("UPDATE " + leases + " SET expires_at = ?" + KEY
                     + " AND reservation_id = ? AND expires_at > ?")) {
            for (Reservation r : live) {
                ps.setLong(1, now + leaseMillis);
                ps.setString(2, r.budget());
                ps.setString(3, r.scopeKey());
                ps.setLong(4, r.windowStart().toEpochMilli());
                ps.setString(5, r.id());
                ps.setLong(6, now);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot renew leases in " + leases + ": " + e.getMessage(), e);
        }
    }

    @Override
    public BigDecimal spent(String budget, String scopeKey, Instant windowStart) {
        BigDecimal[] row = readOnce(budget, scopeKey, windowStart);
        return row[0];
    }

    @Override
    public BigDecimal reserved(String budget, String scopeKey, Instant windowStart) {
        BigDecimal[] row = readOnce(budget, scopeKey, windowStart);
        return row[1];
    }

    @Override
    public BigDecimal remaining(String budget, String scopeKey, Instant windowStart, BigDecimal limit) {
        BigDecimal[] row = readOnce(budget, scopeKey, windowStart);
        return Amounts.remaining(limit, row[0], row[1]);
    }

    /** Reads the key's spent amount and live leases on one connection. */
    @Override
    public LedgerRow row(String budget, String scopeKey, Instant windowStart) {
        BigDecimal[] row = readOnce(budget, scopeKey, windowStart);
        return new LedgerRow(budget, scopeKey, windowStart, row[0], row[1]);
    }

    @Override
    public List<LedgerRow> snapshot() {
        String sql = "SELECT b.budget, b.scope_key, b.window_start, b.spent, (SELECT COALESCE(SUM(r.amount), 0) FROM "
                + leases + " r WHERE r.budget = b.budget AND r.scope_key = b.scope_key"
                + " AND r.window_start = b.window_start AND r.expires_at > ?) FROM " + table + " b"
                + " ORDER BY b.budget, b.scope_key, b.window_start";
        try (Connection c = Sql.open(dataSource); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, clock.millis());
            try (ResultSet rs = ps.executeQuery()) {
                List<LedgerRow> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new LedgerRow(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                            rs.getBigDecimal(4), rs.getBigDecimal(5)));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read budget table " + table + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes rows of windows that started before {@code cutoff} and hold no live lease, and the settlement ids
     * recorded for those windows; returns the count of budget rows.
     */
    public int deleteWindowsBefore(Instant cutoff) {
        String sql = "DELETE FROM " + table + " WHERE window_start < ? AND NOT EXISTS (SELECT 1 FROM " + leases
                + " r WHERE r.budget = " + table + ".budget AND r.scope_key = " + table + ".scope_key"
                + " AND r.window_start = " + table + ".window_start AND r.expires_at > ?)";
        try (Connection c = Sql.open(dataSource); PreparedStatement ps = c.prepareStatement(sql);
             PreparedStatement ids = c.prepareStatement("DELETE FROM " + table + "_settled WHERE window_start < ?")) {
            ps.setLong(1, cutoff.toEpochMilli());
            ps.setLong(2, clock.millis());
            ids.setLong(1, cutoff.toEpochMilli());
            ids.executeUpdate();
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot clean budget table " + table + ": " + e.getMessage(), e);
        }
    }

    /** {spent, live reserved} of a key; zeros for a key without a row. */
    private BigDecimal[] readOnce(String budget, String scopeKey, Instant windowStart) {
        try (Connection c = Sql.open(dataSource)) {
            BigDecimal spent = BigDecimal.ZERO;
            try (PreparedStatement ps = c.prepareStatement("SELECT spent FROM " + table + KEY)) {
                bindKey(ps, budget, scopeKey, windowStart);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        spent = rs.getBigDecimal(1);
                    }
                }
            }
            return new BigDecimal[] {spent, held(c, budget, scopeKey, windowStart, clock.millis())};
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read budget table " + table + ": " + e.getMessage(), e);
        }
    }

    private BigDecimal held(Connection c, String budget, String scopeKey, Instant windowStart, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(amount), 0) FROM " + leases + KEY
                + " AND expires_at > ?")) {
            bindKey(ps, budget, scopeKey, windowStart);
            ps.setLong(4, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                BigDecimal sum = rs.getBigDecimal(1);
                return sum == null ? BigDecimal.ZERO : sum;
            }
        }
    }

    /**
     * Adds {@code value} to the key's {@code spent} and deletes the reservation's lease, in the caller's transaction
     * (a lease already expired has nothing left to delete: the cost is booked all the same, once).
     */
    private void book(Connection c, Reservation r, BigDecimal value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET spent = spent + " + DEC + KEY)) {
            ps.setBigDecimal(1, value);
            ps.setString(2, r.budget());
            ps.setString(3, r.scopeKey());
            ps.setLong(4, r.windowStart().toEpochMilli());
            ps.executeUpdate();
        }
        deleteLease(c, r);
    }

    private void deleteLease(Connection c, Reservation r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + leases + KEY + " AND reservation_id = ?")) {
            bindKey(ps, r.budget(), r.scopeKey(), r.windowStart());
            ps.setString(4, r.id());
            ps.executeUpdate();
        }
    }

    private void insertRow(Connection c, String budget, String scopeKey, Instant windowStart) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                + " (budget, scope_key, window_start, spent, reserved) VALUES (?, ?, ?, 0, 0)")) {
            bindKey(ps, budget, scopeKey, windowStart);
            ps.executeUpdate();
        }
    }

    private static void exec(Connection c, String sql, String budget, String scopeKey, Instant windowStart,
                             long value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindKey(ps, budget, scopeKey, windowStart);
            ps.setLong(4, value);
            ps.executeUpdate();
        }
    }

    private static void bindKey(PreparedStatement ps, String budget, String scopeKey, Instant windowStart)
            throws SQLException {
        ps.setString(1, budget);
        ps.setString(2, scopeKey);
        ps.setLong(3, windowStart.toEpochMilli());
    }

    /**
     * Runs {@code work} in one transaction ({@link Sql#inTransaction}); a database failure becomes an
     * IllegalStateException "Cannot {@code what}: ..." with the SQLException as its cause.
     */
    private <T> T transaction(String what, Sql.Work<T> work) {
        try {
            return Sql.inTransaction(dataSource, work);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot " + what + ": " + e.getMessage(), e);
        }
    }
}
