package dev.llmrouter.camel.memory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmrouter.camel.cost.budget.JdbcLedger;
import dev.llmrouter.camel.cost.budget.Sql;
import dev.llmrouter.camel.wire.ChatMessage;
import dev.llmrouter.camel.wire.WireJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Histories in a database table (H2 or PostgreSQL; typically the ledger's DataSource), one row per message as
 * JSON, ordered by a per-conversation sequence number, so that several instances of an application share one
 * history per conversation.
 * <p>
 * {@link #append} does not block: it queues the write on the store's one writer thread and returns, so a
 * completion thread never waits on the database. Writes of one conversation run in the order they were queued, and
 * {@link #load} first waits (at most {@code writeWait}) until this instance's queued writes of that conversation
 * are done: a turn always sees the turn before it. On a sequence clash (two instances appending to one
 * conversation at the same moment) a write reads the end again and is tried once more after a short random pause,
 * for up to {@value #RETRY_SECONDS} seconds: the instance that lost the race gets in, at the latest, when the other
 * runs out of writes. Any other failure, or a clash that lasts longer, is logged and the write is dropped.
 * <p>
 * {@link #start()} creates the table if it does not exist (safe from several JVMs); {@link #close()} finishes the
 * queued writes and stops the writer thread.
 */
public final class JdbcConversationStore implements ConversationStore, AutoCloseable {

    /** The default table name. */
    public static final String DEFAULT_TABLE = "llmrouter_conversation";

    private static final Logger LOG = LoggerFactory.getLogger(JdbcConversationStore.class);
    /** How long a write keeps trying when other instances take the same sequence numbers first. */
    private static final int RETRY_SECONDS = 30;
    /** The longest random pause between two tries of a write, in milliseconds. */
    private static final int MAX_PAUSE_MS = 50;

    private final DataSource dataSource;
    private final String table;
    private final Duration writeWait;
    private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
    private volatile ExecutorService writer;
    private volatile boolean started;

    /** A store in table {@value #DEFAULT_TABLE}. */
    public JdbcConversationStore(DataSource dataSource) {
        this(dataSource, DEFAULT_TABLE, Duration.ofSeconds(10));
    }

    /**
     * @param dataSource where the table is
     * @param table      the table name, {@code [A-Za-z_][A-Za-z0-9_]*}
     * @param writeWait  how long a load waits for this instance's queued writes of its conversation
     */
    public JdbcConversationStore(DataSource dataSource, String table, Duration writeWait) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = JdbcLedger.validTable(table);
        this.writeWait = Objects.requireNonNull(writeWait, "writeWait");
    }

    /** Creates the table if it does not exist and starts the writer thread; calling it again does nothing. */
    @Override
    public synchronized JdbcConversationStore start() {
        if (started) {
            return this;
        }
        Sql.createTable(dataSource, table, "CREATE TABLE IF NOT EXISTS " + table + " (conversation_id VARCHAR("
                + MAX_ID_LENGTH + ") NOT NULL, seq BIGINT NOT NULL, message TEXT NOT NULL, created_ms BIGINT NOT NULL,"
                + " PRIMARY KEY (conversation_id, seq))");
        writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "llmrouter-conversation-writer");
            t.setDaemon(true);
            return t;
        });
        started = true;
        return this;
    }

    @Override
    public List<ChatMessage> load(String conversationId) {
        started();
        awaitWrites(conversationId);
        String sql = "SELECT message FROM " + table + " WHERE conversation_id = ? ORDER BY seq";
        List<ChatMessage> out = new ArrayList<>();
        try (Connection c = Sql.open(dataSource); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id(conversationId));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(WireJson.mapper().readValue(rs.getString(1), ChatMessage.class));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot load conversation history from table " + table + ": "
                                            + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void append(String conversationId, List<ChatMessage> messages) {
        started();
        if (messages == null || messages.isEmpty()) {
            return;
        }
        String id = id(conversationId);
        List<String> rows = new ArrayList<>(messages.size());
        for (ChatMessage m : messages) {
            try {
                rows.add(WireJson.mapper().writeValueAsString(m));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("A message of conversation history cannot be written as JSON: "
                                                   + e.getMessage(), e);
            }
        }
        CompletableFuture<Void> queued = pending.compute(id, (k, before) ->
                (before == null ? CompletableFuture.<Void>completedFuture(null) : before)
                        .thenRunAsync(() -> write(id, rows), writer));
        // outside compute: the future may already be done, and then this runs here, at once
        queued.whenComplete((v, e) -> pending.remove(id, queued));
    }

    @Override
    public void clear(String conversationId) {
        started();
        String id = id(conversationId);
        awaitWrites(id);
        try (Connection c = Sql.open(dataSource);
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE conversation_id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot clear conversation history in table " + table + ": "
                                            + e.getMessage(), e);
        }
    }

    /** Waits until every write queued so far is done (at most {@code timeout}); true when none is left. */
    @Override
    public boolean flush(Duration timeout) {
        CompletableFuture<?>[] all = pending.values().toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(all).exceptionally(e -> null).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /** Finishes the queued writes (waiting at most {@code writeWait}) and stops the writer thread. */
    @Override
    public synchronized void close() {
        if (!started) {
            return;
        }
        flush(writeWait);
        writer.shutdown();
        started = false;
    }

    private void write(String id, List<String> rows) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RETRY_SECONDS);
        for (int attempt = 1; ; attempt++) {
            try {
                insert(id, rows);
                return;
            } catch (SQLException | RuntimeException e) {
                if (e instanceof SQLException sql && Sql.isDuplicateKey(sql) && System.nanoTime() - deadline < 0) {
                    // another instance took the same sequence numbers: pause, then read the end again
                    pause(attempt);
                    continue;
                }
                LOG.warn("Writing {} message(s) of a conversation to table {} failed after {} attempt(s): {}",
                        rows.size(), table, attempt, e.toString());
                return;
            }
        }
    }

    /**
     * A random pause that grows with the attempts (up to {@value #MAX_PAUSE_MS} ms). Without it, an instance that
     * writes back to back keeps winning: the loser reads the end while the winner's next write is open, and clashes
     * again.
     */
    private static void pause(int attempt) {
        long bound = TimeUnit.MILLISECONDS.toNanos(Math.min(MAX_PAUSE_MS, 1L << Math.min(attempt, 6)));
        LockSupport.parkNanos(1 + ThreadLocalRandom.current().nextLong(bound));
    }

    /** Inserts the rows after the conversation's last sequence number, in one transaction. */
    private void insert(String id, List<String> rows) throws SQLException {
        Sql.inTransaction(dataSource, c -> {
            long next;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COALESCE(MAX(seq), -1) + 1 FROM " + table + " WHERE conversation_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    next = rs.getLong(1);
                }
            }
            long now = System.currentTimeMillis();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                    + " (conversation_id, seq, message, created_ms) VALUES (?, ?, ?, ?)")) {
                for (String row : rows) {
                    ps.setString(1, id);
                    ps.setLong(2, next++);
                    ps.setString(3, row);
                    ps.setLong(4, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private void awaitWrites(String id) {
        CompletableFuture<Void> tail = pending.get(id);
        if (tail == null) {
            return;
        }
        try {
            tail.get(writeWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // a failed or slow write was logged by the writer; the load reads what the table has
        }
    }

    private void started() {
        if (!started) {
            start();
        }
    }

    private static String id(String conversationId) {
        if (conversationId == null || conversationId.isBlank()) {
            throw new IllegalArgumentException("A conversation id must not be blank");
        }
        if (conversationId.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("A conversation id must be at most " + MAX_ID_LENGTH
                                               + " characters but has " + conversationId.length());
        }
        return conversationId;
    }
}
