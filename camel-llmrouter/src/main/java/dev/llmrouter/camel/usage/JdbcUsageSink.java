package dev.llmrouter.camel.usage;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

import dev.llmrouter.camel.cost.budget.JdbcLedger;
import dev.llmrouter.camel.cost.budget.Sql;

/**
 * Inserts usage records into a SQL table (one row each, auto-commit), created on {@link #start()} if absent.
 * Time is stored as epoch milliseconds ({@code time_ms}) so the same SQL works on H2 and PostgreSQL; cost keeps
 * 18 decimals.
 * Column {@code budget_levels} (every budget level a call was booked on) is added to a table made before nested
 * budgets on {@link #start()}, and so is column {@code batch_id} (see below); where that is not allowed, rows are
 * written without the missing column.
 * Thread-safe: every insert takes its own connection from the {@link DataSource}.
 * <p>
 * A sink made with {@link #batched(DataSource)} (the one option {@code usageLogDataSource} opens) only queues each
 * record in {@link #accept}: a writer thread of its own ({@value #WRITER_THREAD}) inserts what has queued, at most
 * {@value #BATCH_SIZE} rows per JDBC batch and one transaction per batch, in batches at most {@value #LINGER_MILLIS}
 * ms apart. Records leave the queue only once their transaction has committed, so while the database is unreachable
 * they stay queued and the writer retries (backing off up to {@value #MAX_BACKOFF_MILLIS} ms); a record is never
 * inserted twice by the sink. Every row of a batch carries the batch's random id ({@code batch_id}): when a commit
 * fails, the database may still have committed it (the acknowledgement was lost), so before the next insert the
 * writer looks that id up, and takes the batch off the queue instead of inserting it again when its rows are
 * there. The queue is bounded: when it is full, {@code accept} drops the record rather than
 * wait, counts it ({@link #dropped()}) and logs a warning (the first drop of each outage and then every
 * {@value #DROP_LOG_EVERY}th). {@link #flush()}, {@link #close()} and {@link #read} write out the queue first.
 */
public final class JdbcUsageSink implements UsageSink {

    /** The default table name. */
    public static final String DEFAULT_TABLE = "llmrouter_usage";

    private static final String COLUMNS = "time_ms, route_id, endpoint, model, provider, target, prompt_tokens,"
            + " completion_tokens, reasoning_tokens, cached_tokens, cost_usd, generation_id, budget_key, cache_hit,"
            + " outcome";
    private static final String LEVELS = "budget_levels";
    private static final String BATCH_ID = "batch_id";

    /** The name of the writer thread of a batched sink. */
    public static final String WRITER_THREAD = "llmrouter-usage-table";
    /** How long the writer of a batched sink lets records gather before it inserts them. */
    public static final long LINGER_MILLIS = 10;
    /** The most rows one JDBC batch (one transaction) inserts. */
    public static final int BATCH_SIZE = 500;
    /** The default bound of a batched sink's queue. */
    public static final int DEFAULT_CAPACITY = 100_000;
    /** The longest pause between two attempts of the writer while the database fails. */
    public static final long MAX_BACKOFF_MILLIS = 5_000;
    /** While records are being dropped, a warning is logged for every this many. */
    public static final int DROP_LOG_EVERY = 1_000;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JdbcUsageSink.class);

    private final DataSource dataSource;
    private final String table;
    private volatile String insertSql;
    private volatile boolean levels = true;
    private volatile boolean batchIds = true;
    /**
     * The id of the batch whose commit failed last (it may have been committed all the same), null when no attempt is
     * in doubt; with the number of its rows. Used under {@code writeLock}.
     */
    private String doubtfulBatch;
    private int doubtfulRows;
    private volatile boolean closed;
    /** Records accepted and not yet committed, oldest first; null for a sink that inserts in accept. */
    private final java.util.ArrayDeque<UsageRecord> queue;
    private final int capacity;
    /** Held while a batch is inserted, so that only one thread writes the queue's head at a time. */
    private final Object writeLock = new Object();
    private Thread writer;
    private final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();
    private long droppedThisOutage;

    /** A sink on {@link #DEFAULT_TABLE}; call {@link #start()} before use. */
    public JdbcUsageSink(DataSource dataSource) {
        this(dataSource, DEFAULT_TABLE);
    }

    /** A sink on the given table ({@code [A-Za-z_][A-Za-z0-9_]*}); call {@link #start()} before use. */
    public JdbcUsageSink(DataSource dataSource, String table) {
        this(dataSource, table, 0);
    }

    private JdbcUsageSink(DataSource dataSource, String table, int capacity) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = JdbcLedger.validTable(table);
        this.insertSql = insert(true, true);
        this.capacity = capacity;
        this.queue = capacity > 0 ? new java.util.ArrayDeque<>() : null;
    }

    /**
     * A batched sink on {@link #DEFAULT_TABLE} with a queue of {@link #DEFAULT_CAPACITY} records; {@link #start()}
     * creates the table and starts the writer thread.
     */
    public static JdbcUsageSink batched(DataSource dataSource) {
        return batched(dataSource, DEFAULT_TABLE, DEFAULT_CAPACITY);
    }

    /**
     * A batched sink: {@link #accept} only queues the record and a writer thread ({@value #WRITER_THREAD}, a daemon)
     * inserts the queue in JDBC batches; {@link #start()} creates the table and starts that thread.
     *
     * @param capacity the most records queued at once (at least 1); when full, records are dropped and counted
     */
    public static JdbcUsageSink batched(DataSource dataSource, String table, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        return new JdbcUsageSink(dataSource, table, capacity);
    }

    private String insert(boolean withLevels, boolean withBatchId) {
        return "INSERT INTO " + table + " (" + COLUMNS + (withLevels ? ", " + LEVELS : "")
               + (withBatchId ? ", " + BATCH_ID : "") + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
               + (withLevels ? ", ?" : "") + (withBatchId ? ", ?" : "") + ")";
    }

    /** Creates the table if it does not exist. */
    public JdbcUsageSink start() {
        Sql.createTable(dataSource, table, "CREATE TABLE IF NOT EXISTS " + table + " ("
                + "time_ms BIGINT NOT NULL, route_id VARCHAR(200), endpoint VARCHAR(1000), model VARCHAR(200),"
                + " provider VARCHAR(200), target VARCHAR(200), prompt_tokens INTEGER, completion_tokens INTEGER,"
                + " reasoning_tokens INTEGER, cached_tokens INTEGER, cost_usd DECIMAL(38,18),"
                + " generation_id VARCHAR(200), budget_key VARCHAR(500), cache_hit BOOLEAN NOT NULL,"
                + " outcome VARCHAR(100), " + LEVELS + " VARCHAR(2000), " + BATCH_ID + " VARCHAR(36))");
        levels = hasColumn(LEVELS) || addColumn(LEVELS, "VARCHAR(2000)", "the budget levels of calls are not recorded");
        batchIds = hasColumn(BATCH_ID) || addColumn(BATCH_ID, "VARCHAR(36)", "a batch whose commit acknowledgement"
                + " is lost may be inserted twice");
        if (batchIds) {
            batchIndex();
        }
        insertSql = insert(levels, batchIds);
        if (queue != null) {
            synchronized (queue) {
                if (writer == null && !closed) {
                    Thread t = new Thread(this::writeBatches, WRITER_THREAD);
                    t.setDaemon(true);
                    writer = t;
                    t.start();
                }
            }
        }
        return this;
    }

    /** Whether the table has the column (a table made by an older version may not). */
    private boolean hasColumn(String column) {
        try (Connection c = Sql.open(dataSource); var st = c.createStatement()) {
            st.executeQuery("SELECT " + column + " FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Adds a column to an older table; false (rows then go without it) when that is refused. */
    private boolean addColumn(String column, String type, String consequence) {
        try (Connection c = Sql.open(dataSource); var st = c.createStatement()) {
            st.execute("ALTER TABLE " + table + " ADD COLUMN " + column + " " + type);
            return true;
        } catch (SQLException e) {
            LOG.warn("Usage table {} has no column {} and it could not be added ({}): {}", table, column,
                    e.getMessage(), consequence);
            return hasColumn(column);
        }
    }

    /** An index on batch_id, so that looking a batch up after a failed commit does not read the whole table. */
    private void batchIndex() {
        try (Connection c = Sql.open(dataSource); var st = c.createStatement()) {
            st.execute("CREATE INDEX IF NOT EXISTS " + table + "_" + BATCH_ID + " ON " + table + " (" + BATCH_ID + ")");
        } catch (SQLException e) {
            LOG.debug("No index on {}.{} ({}): a batch is then looked up by a scan", table, BATCH_ID, e.getMessage());
        }
    }

    @Override
    public void accept(UsageRecord r) {
        Objects.requireNonNull(r, "record");
        if (queue != null) {
            long lost;
            synchronized (queue) {
                if (closed) {
                    throw new IllegalStateException("usage table sink " + table + " is closed");
                }
                if (queue.size() < capacity) {
                    queue.add(r);
                    if (queue.size() == 1) {
                        queue.notifyAll();
                    }
                    return;
                }
                lost = ++droppedThisOutage;
            }
            long total = dropped.incrementAndGet();
            if (lost == 1 || lost % DROP_LOG_EVERY == 0) {
                LOG.warn("Usage table {}: the queue of {} records is full (database unreachable or too slow), a usage"
                         + " record was dropped ({} dropped so far)", table, capacity, total);
            }
            return;
        }
        if (closed) {
            throw new IllegalStateException("usage table sink " + table + " is closed");
        }
        try (Connection c = Sql.open(dataSource); PreparedStatement ps = c.prepareStatement(insertSql)) {
            bind(ps, r, null);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot insert into usage table " + table + ": " + e.getMessage(), e);
        }
    }

    private void bind(PreparedStatement ps, UsageRecord r, String batchId) throws SQLException {
        ps.setLong(1, r.time().toEpochMilli());
        ps.setString(2, r.routeId());
        ps.setString(3, r.endpoint());
        ps.setString(4, r.model());
        ps.setString(5, r.provider());
        ps.setString(6, r.target());
        setInt(ps, 7, r.promptTokens());
        setInt(ps, 8, r.completionTokens());
        setInt(ps, 9, r.reasoningTokens());
        setInt(ps, 10, r.cachedTokens());
        ps.setBigDecimal(11, r.cost());
        ps.setString(12, r.generationId());
        ps.setString(13, r.budgetKey());
        ps.setBoolean(14, r.cacheHit());
        ps.setString(15, r.outcome());
        int next = 16;
        if (levels) {
            ps.setString(next++, r.budgetLevels());
        }
        if (batchIds) {
            ps.setString(next, batchId);
        }
    }

    /** The writer thread of a batched sink: waits for records, lets them gather, inserts them; retries on failure. */
    private void writeBatches() {
        long backoff = 0;
        while (true) {
            synchronized (queue) {
                try {
                    while (queue.isEmpty() && !closed) {
                        queue.wait();
                    }
                    if (closed) {
                        return; // close() writes out what is left
                    }
                    if (backoff > 0) {
                        queue.wait(backoff); // close() wakes it
                        if (closed) {
                            return;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (backoff == 0) {
                try {
                    Thread.sleep(LINGER_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            try {
                writeOut();
                if (backoff > 0) {
                    LOG.info("Usage table {} is written again", table);
                }
                backoff = 0;
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                if (backoff == 0) {
                    LOG.warn("Inserting into usage table {} failed, the records stay queued and are retried: {}",
                            table, e.getMessage());
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, Math.max(100, backoff * 2));
            }
        }
    }

    /**
     * Inserts the queue, oldest first, in batches of at most {@value #BATCH_SIZE} rows, one transaction each. A
     * batch leaves the queue only after its commit, so a failure leaves it (and what follows) queued for a retry.
     */
    private void writeOut() {
        synchronized (writeLock) {
            while (true) {
                List<UsageRecord> batch = new ArrayList<>();
                synchronized (queue) {
                    var it = queue.iterator();
                    while (it.hasNext() && batch.size() < BATCH_SIZE) {
                        batch.add(it.next());
                    }
                }
                if (batch.isEmpty()) {
                    return;
                }
                int written = doubtfulBatch == null ? 0 : committedBefore();
                if (written == 0) {
                    insertBatch(batch);
                    written = batch.size();
                }
                synchronized (queue) {
                    // only this method removes, under writeLock, and accept only appends: the head is the batch
                    // (a batch in doubt was the head too, and nothing was removed since)
                    for (int i = 0; i < written; i++) {
                        queue.pollFirst();
                    }
                    droppedThisOutage = 0;
                }
            }
        }
    }

    private void insertBatch(List<UsageRecord> batch) {
        String id = batchIds ? UUID.randomUUID().toString() : null;
        try {
            Sql.inTransaction(dataSource, c -> {
                try (PreparedStatement ps = c.prepareStatement(insertSql)) {
                    for (UsageRecord r : batch) {
                        bind(ps, r, id);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            // the commit may have happened all the same: the next attempt looks the batch up first
            doubtfulBatch = id;
            doubtfulRows = batch.size();
            throw e instanceof SQLException ? new IllegalStateException("Cannot insert into usage table " + table
                    + ": " + e.getMessage(), e) : (RuntimeException) e;
        }
    }

    /**
     * Settles the batch whose commit failed last: the number of its rows when the database committed it after all
     * (they are then taken off the queue), 0 when it did not. Fails while the database cannot be read.
     */
    private int committedBefore() {
        String sql = "SELECT COUNT(*) FROM " + table + " WHERE " + BATCH_ID + " = ?";
        try (Connection c = Sql.open(dataSource); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, doubtfulBatch);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int found = rs.getInt(1);
                int written = found > 0 ? doubtfulRows : 0;
                if (found > 0 && found != doubtfulRows) {
                    LOG.warn("Usage table {}: batch {} has {} rows, expected {}", table, doubtfulBatch, found,
                            doubtfulRows);
                }
                doubtfulBatch = null;
                doubtfulRows = 0;
                return written;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read usage table " + table + ": " + e.getMessage(), e);
        }
    }

    /** Records a batched sink dropped because its queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Failed attempts of a batched sink's writer to insert a batch (each retried). */
    public long failures() {
        return failures.get();
    }

    /** Records a batched sink holds that are not yet in the table. */
    public int queued() {
        if (queue == null) {
            return 0;
        }
        synchronized (queue) {
            return queue.size();
        }
    }

    /** Inserts everything a batched sink has queued, on the calling thread; fails if the database does. */
    @Override
    public void flush() {
        if (queue != null) {
            writeOut();
        }
    }

    /** Records whose time is in {@code [from, to)}, oldest first. */
    public List<UsageRecord> read(Instant from, Instant to) {
        flush();
        String sql = "SELECT " + COLUMNS + (levels ? ", " + LEVELS : "") + " FROM " + table + " WHERE time_ms >= ? AND time_ms < ? ORDER BY time_ms";
        try (Connection c = Sql.open(dataSource); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, from.toEpochMilli());
            ps.setLong(2, to.toEpochMilli());
            List<UsageRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigDecimal cost = rs.getBigDecimal(11);
                    out.add(new UsageRecord(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), getInt(rs, 7), getInt(rs, 8),
                            getInt(rs, 9), getInt(rs, 10), cost == null ? null : cost.stripTrailingZeros(),
                            rs.getString(12), rs.getString(13), rs.getBoolean(14), rs.getString(15),
                            levels ? rs.getString(16) : null));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read usage table " + table + ": " + e.getMessage(), e);
        }
    }

    /**
     * Later {@link #accept} calls fail. A batched sink stops its writer and inserts what is still queued; if the
     * database refuses, the records are lost and a warning gives their number.
     */
    @Override
    public void close() {
        Thread w;
        if (queue == null) {
            closed = true;
            return;
        }
        synchronized (queue) {
            closed = true;
            queue.notifyAll();
            w = writer;
            writer = null;
        }
        if (w != null && w != Thread.currentThread()) {
            try {
                w.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            writeOut();
        } catch (RuntimeException e) {
            LOG.warn("Usage table {}: {} usage records could not be written on close: {}", table, queued(),
                    e.getMessage());
        }
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    private static Integer getInt(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }
}
