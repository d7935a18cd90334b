package dev.llmrouter.camel.cost.budget;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Small JDBC helpers shared by the ledger, the rate limits, the usage sink and the answer and conversation stores. */
public final class Sql {

    private Sql() {
    }

    /** A connection in auto-commit mode. */
    public static Connection open(DataSource ds) throws SQLException {
        Connection c = ds.getConnection();
        try {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    /** Work on one connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on a connection of its own: committed when it returns, rolled back when it
     * throws, the connection handed back in auto-commit mode. Once the commit succeeded the work is done: a failure
     * while handing the connection back is not thrown (a caller that retried would apply the work twice).
     */
    public static <T> T inTransaction(DataSource ds, Work<T> work) throws SQLException {
        Connection c = ds.getConnection();
        try {
            c.setAutoCommit(false);
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is broken: the database rolls back what it did not commit
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is closed next
            }
            try {
                c.close();
            } catch (SQLException ignored) {
                // the outcome is known already: committed, or the failure being thrown
            }
        }
    }

    /** SQLSTATE class 23 (integrity constraint violation), e.g. 23505 unique violation on H2 and PostgreSQL. */
    public static boolean isDuplicateKey(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("23");
    }

    /**
     * Runs a {@code CREATE TABLE IF NOT EXISTS}. Two JVMs creating the same table at once can make PostgreSQL fail
     * one of them with a duplicate-key error on its catalog; then the table exists and all is well.
     */
    public static void createTable(DataSource ds, String table, String ddl) {
        try (Connection c = open(ds); Statement st = c.createStatement()) {
            st.execute(ddl);
        } catch (SQLException e) {
            if (!exists(ds, table)) {
                throw new IllegalStateException("Cannot create table " + table + ": " + e.getMessage(), e);
            }
        }
    }

    private static boolean exists(DataSource ds, String table) {
        try (Connection c = open(ds); Statement st = c.createStatement()) {
            st.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
