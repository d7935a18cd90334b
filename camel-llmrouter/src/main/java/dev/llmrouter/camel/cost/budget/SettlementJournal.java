package dev.llmrouter.camel.cost.budget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settlements the ledger has not acknowledged yet, each keyed by its settlement id. Kept in memory, and when a file
 * is given also appended to it (one line per event, forced to disk before the ledger is asked) so that a JVM that
 * dies during a ledger outage finds them again on start. The file is locked while open: one journal per file.
 * <p>
 * Lines: {@code P id budget scope window amount actual reservationId .} (budget and scope URL-safe Base64) for a pending
 * settlement, {@code D id .} once the ledger has it. When nothing is pending the file is emptied.
 */
public final class SettlementJournal implements AutoCloseable {

    /**
     * One settlement: replace {@code amount} held on the key by {@code actual} spent.
     *
     * @param id          the settlement id (idempotency key in the ledger)
     * @param budget      the budget name
     * @param scopeKey    the scope key
     * @param windowStart the window
     * @param amount      the amount that was reserved (zero when admitted without a reservation)
     * @param actual      the cost to book (zero for a release)
     * @param reservationId the id of the reservation (its lease in the ledger), or null when unknown
     */
    public record Entry(String id, String budget, String scopeKey, Instant windowStart, BigDecimal amount,
                        BigDecimal actual, String reservationId) {

        /** An entry whose reservation id is not known (the ledger then has no lease of it to end). */
        public Entry(String id, String budget, String scopeKey, Instant windowStart, BigDecimal amount,
                     BigDecimal actual) {
            this(id, budget, scopeKey, windowStart, amount, actual, null);
        }

        /** The reservation this entry settles, as the ledger needs it: its own id, so the lease ends with it. */
        public Reservation reservation() {
            return reservationId == null ? new Reservation(budget, scopeKey, windowStart, amount, true, null)
                    : new Reservation(reservationId, budget, scopeKey, windowStart, amount, true, null);
        }
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

    private final Map<String, Entry> pending = new LinkedHashMap<>();
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private SettlementJournal(Path file) {
        this.file = file;
        if (file == null) {
            channel = null;
            lock = null;
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock held;
            try {
                held = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                held = null; // held by this JVM
            }
            lock = held;
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("Invalid value for ledgerJournalFile: " + file
                                                + " is in use by another journal");
            }
            load();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open ledgerJournalFile " + file + ": " + e.getMessage(), e);
        }
    }

    /** A journal kept in memory only: it survives ledger outages, not the JVM. */
    public static SettlementJournal inMemory() {
        return new SettlementJournal(null);
    }

    /** A journal kept in {@code file} too (created if absent), reading what a previous run left pending. */
    public static SettlementJournal open(Path file) {
        return new SettlementJournal(file);
    }

    /** The file, or null when kept in memory only. */
    public Path file() {
        return file;
    }

    /** Records a settlement before the ledger is asked for it. */
    public synchronized void add(Entry e) {
        // in memory first: a file that cannot be written must not lose the entry for this run too
        pending.put(e.id(), e);
        write("P " + e.id() + " " + B64.encodeToString(e.budget().getBytes(StandardCharsets.UTF_8)) + " "
              + B64.encodeToString(e.scopeKey().getBytes(StandardCharsets.UTF_8)) + " "
              + e.windowStart().toEpochMilli() + " " + e.amount().toPlainString() + " " + e.actual().toPlainString()
              + (e.reservationId() == null ? "" : " " + e.reservationId()) + " .");
    }

    /** Whether the settlement is still waiting for the ledger. */
    public synchronized boolean isPending(String id) {
        return pending.containsKey(id);
    }

    /** The ledger has the settlement: forgets it. */
    public synchronized void done(String id) {
        if (pending.remove(id) == null) {
            return;
        }
        if (pending.isEmpty()) {
            truncate();
        } else {
            write("D " + id + " .");
        }
    }

    /** The settlements not acknowledged yet, oldest first. */
    public synchronized List<Entry> pending() {
        return new ArrayList<>(pending.values());
    }

    /** How many settlements wait for the ledger. */
    public synchronized int size() {
        return pending.size();
    }

    @Override
    public synchronized void close() {
        if (channel == null) {
            return;
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // closing: nothing left to protect
        }
    }

    private void load() throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.trim().split(" ");
            // P id budget scope window amount actual [reservation id] .
            if ((f.length == 8 || f.length == 9) && f[0].equals("P") && f[f.length - 1].equals(".")) {
                try {
                    pending.put(f[1], new Entry(f[1], new String(UNB64.decode(f[2]), StandardCharsets.UTF_8),
                            new String(UNB64.decode(f[3]), StandardCharsets.UTF_8),
                            Instant.ofEpochMilli(Long.parseLong(f[4])), new BigDecimal(f[5]), new BigDecimal(f[6]),
                            f.length == 9 ? f[7] : null));
                } catch (IllegalArgumentException e) {
                    // a line torn by a crash while it was written: it was never acknowledged to anyone
                }
            } else if (f.length == 3 && f[0].equals("D") && f[2].equals(".")) {
                pending.remove(f[1]);
            }
        }
        // rewrite what is still pending, dropping torn lines and finished entries
        channel.truncate(0);
        channel.position(0);
        List<Entry> left = new ArrayList<>(pending.values());
        pending.clear();
        for (Entry e : left) {
            add(e);
        }
    }

    private void write(String line) {
        if (channel == null) {
            return;
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write ledgerJournalFile " + file + ": " + e.getMessage(), e);
        }
    }

    private void truncate() {
        if (channel == null) {
            return;
        }
        try {
            channel.truncate(0);
            channel.position(0);
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write ledgerJournalFile " + file + ": " + e.getMessage(), e);
        }
    }
}
