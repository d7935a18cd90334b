package dev.llmrouter.camel.cost;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A DataSource that can be cut: while {@link #down} is set, every new connection and every statement on an open one
 * fails with an SQLException, as when the database goes away. {@link #loseNextCommitAck} makes the next commit take
 * effect and then fail, as when the acknowledgement of a write is lost.
 */
public final class SwitchableDataSource implements DataSource {

    private final DataSource target;
    private volatile boolean down;
    private final java.util.concurrent.atomic.AtomicInteger commitsBeforeLostAck = new java.util.concurrent.atomic.AtomicInteger(-1);
    private final java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public SwitchableDataSource(DataSource target) {
        this.target = target;
    }

    /** Cuts or restores the database. */
    public void down(boolean down) {
        this.down = down;
    }

    /** The next commit is applied, then reported as failed. */
    public void loseNextCommitAck() {
        loseCommitAckAfter(0);
    }

    /** The commit after the next {@code commits} commits is applied, then reported as failed. */
    public void loseCommitAckAfter(int commits) {
        commitsBeforeLostAck.set(commits);
    }

    /** The names of the threads that asked for a connection. */
    public java.util.Set<String> threads() {
        return threads;
    }

    private void check() throws SQLException {
        threads.add(Thread.currentThread().getName());
        if (down) {
            throw new SQLException("ledger database unreachable (test cut)", "08001");
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        check();
        return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        check();
        return wrap(target.getConnection(user, password));
    }

    private Connection wrap(Connection c) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (!name.equals("close") && !name.equals("isClosed")) {
                        check();
                    }
                    Object result;
                    try {
                        result = method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (name.equals("commit") && commitsBeforeLostAck.get() >= 0
                        && commitsBeforeLostAck.getAndDecrement() == 0) {
                        throw new SQLException("connection reset after commit (test)", "08006");
                    }
                    return result;
                });
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return target.isWrapperFor(iface);
    }
}
