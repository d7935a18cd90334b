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
import javax.sql.DataSource;

import dev.llmrouter.camel.cost.budget.JdbcLedger;
import dev.llmrouter.camel.cost.budget.Sql;

/**
 * Inserts usage records into a SQL table (one row each, auto-commit), created on {@link #start()} if absent.
 * Time is stored as epoch milliseconds ({@code time_ms}) so the same SQL works on H2 and PostgreSQL; cost keeps
 * 18 decimals.
 * Column {@code budget_levels} (every budget level a call was booked on) is added to a table made before nested
 * budgets on {@link #start()}; where that is not allowed, rows are written without it.
 * Thread-safe: every insert takes its own connection from the {@link DataSource}.
 */
public final class JdbcUsageSink implements UsageSink {

    /** The default table name. */
    public static final String DEFAULT_TABLE = "llmrouter_usage";

    private static final String COLUMNS = "time_ms, route_id, endpoint, model, provider, target, prompt_tokens,"
            + " completion_tokens, reasoning_tokens, cached_tokens, cost_usd, generation_id, budget_key, cache_hit,"
            + " outcome";
    private static final String LEVELS = "budget_levels";

    private final DataSource dataSource;
    private final String table;
    private volatile String insertSql;
    private volatile boolean levels = true;
    private volatile boolean closed;

    /** A sink on {@link #DEFAULT_TABLE}; call {@link #start()} before use. */
    public JdbcUsageSink(DataSource dataSource) {
        this(dataSource, DEFAULT_TABLE);
    }

    /** A sink on the given table ({@code [A-Za-z_][A-Za-z0-9_]*}); call {@link #start()} before use. */
    public JdbcUsageSink(DataSource dataSource, String table) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = JdbcLedger.validTable(table);
        this.insertSql = insert(true);
    }

    private String insert(boolean withLevels) {
        return "INSERT INTO " + table + " (" + COLUMNS + (withLevels ? ", " + LEVELS : "") + ") VALUES (?, ?, ?, ?, ?,"
               + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?" + (withLevels ? ", ?" : "") + ")";
    }

    /** Creates the table if it does not exist. */
    public JdbcUsageSink start() {
        Sql.createTable(dataSource, table, "CREATE TABLE IF NOT EXISTS " + table + " ("
                + "time_ms BIGINT NOT NULL, route_id VARCHAR(200), endpoint VARCHAR(1000), model VARCHAR(200),"
                + " provider VARCHAR(200), target VARCHAR(200), prompt_tokens INTEGER, completion_tokens INTEGER,"
                + " reasoning_tokens INTEGER, cached_tokens INTEGER, cost_usd DECIMAL(38,18),"
                + " generation_id VARCHAR(200), budget_key VARCHAR(500), cache_hit BOOLEAN NOT NULL,"
                + " outcome VARCHAR(100), " + LEVELS + " VARCHAR(2000))");
        levels = hasLevels() || addLevels();
        insertSql = insert(levels);
        return this;
    }

    /** Whether the table has the budget_levels column (a table made before nested budgets has not). */
    private boolean hasLevels() {
        try (Connection c = Sql.open(dataSource); var st = c.createStatement()) {
            st.executeQuery("SELECT " + LEVELS + " FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Adds the budget_levels column to an older table; false (rows then go without it) when that is refused. */
    private boolean addLevels() {
        try (Connection c = Sql.open(dataSource); var st = c.createStatement()) {
            st.execute("ALTER TABLE " + table + " ADD COLUMN " + LEVELS + " VARCHAR(2000)");
            return true;
        } catch (SQLException e) {
            org.slf4j.LoggerFactory.getLogger(JdbcUsageSink.class).warn("Usage table {} has no column {} and it"
                    + " could not be added ({}): the budget levels of calls are not recorded", table, LEVELS,
                    e.getMessage());
            return hasLevels();
        }
    }

    @Override
    public void accept(UsageRecord r) {
        Objects.requireNonNull(r, "record");
        if (closed) {
            throw new IllegalStateException("usage table sink " + table + " is closed");
        }
        try (Connection c = Sql.open(dataSource); PreparedStatement ps = c.prepareStatement(insertSql)) {
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
            if (levels) {
                ps.setString(16, r.budgetLevels());
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot insert into usage table " + table + ": " + e.getMessage(), e);
        }
    }

    /** Records whose time is in {@code [from, to)}, oldest first. */
    public List<UsageRecord> read(Instant from, Instant to) {
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

    /** Later {@link #accept} calls fail; nothing is buffered, so nothing is lost. */
    @Override
    public void close() {
        closed = true;
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
