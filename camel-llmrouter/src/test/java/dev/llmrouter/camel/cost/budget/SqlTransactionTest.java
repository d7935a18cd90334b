package dev.llmrouter.camel.cost.budget;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Sql#inTransaction}: the work is committed when it returns and rolled back when it throws; the connection
 * goes back in auto-commit mode; a failure while handing it back after the commit is not reported as a failure of
 * the work.
 */
class SqlTransactionTest {

    private JdbcDataSource h2;

    @BeforeEach
    void database() throws SQLException {
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:tx" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        try (Connection c = h2.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (v INT)");
        }
    }

    private int rows() throws SQLException {
        try (Connection c = h2.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void insert(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO t VALUES (1)");
        }
    }

    @Test
    void workThatReturnsIsCommittedAndTheConnectionGoesBackInAutoCommit() throws SQLException {
        Connection[] used = new Connection[1];
        String result = Sql.inTransaction(h2, c -> {
            assertEquals(false, c.getAutoCommit());
            used[0] = c;
            insert(c);
            return "done";
        });
        assertEquals("done", result);
        assertEquals(1, rows());
        assertTrue(used[0].isClosed());
    }

    @Test
    void workThatThrowsIsRolledBackAndItsFailureIsThrown() throws SQLException {
        SQLException sql = new SQLException("boom", "42000");
        assertSame(sql, assertThrows(SQLException.class, () -> Sql.inTransaction(h2, c -> {
            insert(c);
            throw sql;
        })));
        IllegalStateException runtime = new IllegalStateException("bad");
        assertSame(runtime, assertThrows(IllegalStateException.class, () -> Sql.inTransaction(h2, c -> {
            insert(c);
            throw runtime;
        })));
        assertEquals(0, rows());
    }

    @Test
    void aFailingCloseAfterTheCommitIsNotAFailureOfTheWork() throws SQLException {
        DataSource closeFails = dataSourceWhoseCloseFails();
        Integer result = Sql.inTransaction(closeFails, c -> {
            insert(c);
            return 7;
        });
        assertEquals(7, result);
        assertEquals(1, rows());
    }

    /** H2 connections whose close() closes them and then reports a failure, as a broken pool might. */
    private DataSource dataSourceWhoseCloseFails() {
        JdbcDataSource target = h2;
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        return method.invoke(target, args);
                    }
                    Connection real = target.getConnection();
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                try {
                                    Object out = m.invoke(real, a);
                                    if (m.getName().equals("close")) {
                                        throw new SQLException("the pool lost the connection");
                                    }
                                    return out;
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                });
    }
}
