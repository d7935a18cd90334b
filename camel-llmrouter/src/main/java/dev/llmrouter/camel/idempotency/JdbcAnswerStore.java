package dev.llmrouter.camel.idempotency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

import dev.llmrouter.camel.cost.budget.JdbcLedger;
import dev.llmrouter.camel.cost.budget.Sql;

/**
 * Internal, may change. The answer store on a database (H2, PostgreSQL), shared by every instance that uses it:
 * one row per key holding either a claim (owner and lease end, no answer) or an answer (its JSON and the end of
 * its retention). A claim whose lease ended, or an answer whose retention ended, is replaced by the next claim;
 * every change of a row is a compare-and-set on the values last read, so two instances never both hold a key.
 */
public final class JdbcAnswerStore implements AnswerStore {

    private static final int ATTEMPTS = 5;

    private final DataSource dataSource;
    private final String table;
    private final Clock clock;

    public JdbcAnswerStore(DataSource dataSource, String table, Clock clock) {
        this.dataSource = dataSource;
        this.table = JdbcLedger.validTable(table);
        this.clock = clock;
    }

    /** Creates the table when it does not exist and deletes the answers whose retention ended. */
    @Override
    public void start() {
        Sql.createTable(dataSource, table, "CREATE TABLE IF NOT EXISTS " + table + " ("
                + "idem_key VARCHAR(500) NOT NULL PRIMARY KEY, owner VARCHAR(200), lease_until BIGINT NOT NULL, "
                + "answer TEXT, expires_at BIGINT NOT NULL)");
        try (Connection c = Sql.open(dataSource);
             PreparedStatement st = c.prepareStatement("DELETE FROM " + table
                     + " WHERE answer IS NOT NULL AND expires_at <= ?")) {
            st.setLong(1, clock.millis());
            st.executeUpdate();
        } catch (SQLException e) {
            throw failure("clean up", e);
        }
    }

    private record Row(String owner, long leaseUntil, String answer, long expiresAt) {
    }

    private Row read(Connection c, String key) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT owner, lease_until, answer, expires_at FROM " + table
                + " WHERE idem_key = ?")) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4)) : null;
            }
        }
    }

    @Override
    public Optional<StoredAnswer> get(String key) {
        try (Connection c = Sql.open(dataSource)) {
            Row row = read(c, key);
            if (row == null || row.answer == null || row.expiresAt <= clock.millis()) {
                return Optional.empty();
            }
            return Optional.of(StoredAnswer.fromJson(row.answer));
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public Claim claim(String key, String owner, Duration lease) {
        try (Connection c = Sql.open(dataSource)) {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                long now = clock.millis();
                Row row = read(c, key);
                if (row == null) {
                    if (insertClaim(c, key, owner, now + lease.toMillis())) {
                        return Claim.claimed();
                    }
                    continue;
                }
                if (row.answer != null && row.expiresAt > now) {
                    return Claim.answered(StoredAnswer.fromJson(row.answer));
                }
                if (row.answer == null && row.leaseUntil > now && !owner.equals(row.owner)) {
                    return Claim.heldByOther(Instant.ofEpochMilli(row.leaseUntil));
                }
                // free to take: an expired answer, a claim whose owner's lease ended, or this owner's own claim
                try (PreparedStatement st = c.prepareStatement("UPDATE " + table
                        + " SET owner = ?, lease_until = ?, answer = NULL, expires_at = 0"
                        + " WHERE idem_key = ? AND lease_until = ? AND expires_at = ?")) {
                    st.setString(1, owner);
                    st.setLong(2, now + lease.toMillis());
                    st.setString(3, key);
                    st.setLong(4, row.leaseUntil);
                    st.setLong(5, row.expiresAt);
                    if (st.executeUpdate() == 1) {
                        return Claim.claimed();
                    }
                }
            }
            throw new IllegalStateException("Cannot claim idempotency key '" + key + "' in table " + table
                    + ": it changed under every one of " + ATTEMPTS + " attempts");
        } catch (SQLException e) {
            throw failure("claim", e);
        }
    }

    private boolean insertClaim(Connection c, String key, String owner, long leaseUntil) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO " + table
                + " (idem_key, owner, lease_until, answer, expires_at) VALUES (?, ?, ?, NULL, 0)")) {
            st.setString(1, key);
            st.setString(2, owner);
            st.setLong(3, leaseUntil);
            st.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Sql.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void put(String key, StoredAnswer answer, Duration retention) {
        String json = answer.toJson();
        long expiresAt = clock.millis() + retention.toMillis();
        try (Connection c = Sql.open(dataSource)) {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                try (PreparedStatement st = c.prepareStatement("UPDATE " + table
                        + " SET owner = NULL, lease_until = 0, answer = ?, expires_at = ? WHERE idem_key = ?")) {
                    st.setString(1, json);
                    st.setLong(2, expiresAt);
                    st.setString(3, key);
                    if (st.executeUpdate() == 1) {
                        return;
                    }
                }
                try (PreparedStatement st = c.prepareStatement("INSERT INTO " + table
                        + " (idem_key, owner, lease_until, answer, expires_at) VALUES (?, NULL, 0, ?, ?)")) {
                    st.setString(1, key);
                    st.setString(2, json);
                    st.setLong(3, expiresAt);
                    st.executeUpdate();
                    return;
                } catch (SQLException e) {
                    if (!Sql.isDuplicateKey(e)) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("store the answer of", e);
        }
        // the row came and went between each update and insert: never return as if the answer were stored
        throw new IllegalStateException("Cannot store the answer of idempotency key '" + key + "' in table " + table
                + ": it changed under every one of " + ATTEMPTS + " attempts");
    }

    @Override
    public void release(String key, String owner) {
        try (Connection c = Sql.open(dataSource);
             PreparedStatement st = c.prepareStatement("DELETE FROM " + table
                     + " WHERE idem_key = ? AND owner = ? AND answer IS NULL")) {
            st.setString(1, key);
            st.setString(2, owner);
            st.executeUpdate();
        } catch (SQLException e) {
            throw failure("release", e);
        }
    }

    @Override
    public boolean renew(String key, String owner, Duration lease) {
        try (Connection c = Sql.open(dataSource);
             PreparedStatement st = c.prepareStatement("UPDATE " + table
                     + " SET lease_until = ? WHERE idem_key = ? AND owner = ? AND answer IS NULL")) {
            st.setLong(1, clock.millis() + lease.toMillis());
            st.setString(2, key);
            st.setString(3, owner);
            return st.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("renew the claim of", e);
        }
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("Answer store " + table + ": cannot " + what + " a key: " + e.getMessage(), e);
    }
}
