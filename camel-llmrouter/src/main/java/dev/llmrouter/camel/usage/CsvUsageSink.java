package dev.llmrouter.camel.usage;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Appends usage records to a CSV file ({@link UsageCsv} format, UTF-8). The header line is written only when the
 * file is new or empty. A file that starts with the header of {@link UsageCsv#LEGACY_COLUMNS} (written before
 * nested budgets) is continued in that form, without {@code budget_levels}, so every row keeps its header's width. Thread-safe. With a zero flush interval (the default) every record is flushed to the file
 * before {@link #accept} returns; with a positive interval records are buffered and flushed by the first
 * {@code accept} after the interval has passed, by {@link #flush()} and by {@link #close()} (no background
 * thread). Records accepted before {@code close} are always written.
 * <p>
 * A {@linkplain #batched batched} sink (the one option {@code usageLogFile} opens) only queues each record in
 * {@link #accept}: a writer thread of its own formats and appends what has queued, in batches at most
 * {@value #LINGER_MILLIS} ms apart, with one write to the file per batch, so the call's thread never waits for the
 * disk. {@link #flush()}, {@link #close()} and {@link #read(Path)} write out the queue first, so they see every
 * record accepted before them; a crash of the JVM loses what was still queued (at most the last few ms).
 */
public final class CsvUsageSink implements UsageSink {

    /** How long the writer of a batched sink lets records gather before it writes them. */
    public static final long LINGER_MILLIS = 10;

    /** The open batched sinks, so that {@link #read(Path)} can write out what they still queue for its file. */
    private static final java.util.Set<CsvUsageSink> BATCHED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path file;
    private final Duration flushInterval;
    private final Clock clock;
    private Writer out;
    private final boolean legacy;
    private Instant lastFlush;
    /** The records a batched sink has accepted and not yet written; null for a sink that writes in accept. */
    private final java.util.ArrayDeque<UsageRecord> queue;
    private Thread writer;
    private boolean stopping;
    /** The lines of the batch being written, reused from batch to batch; guarded by this sink's lock. */
    private StringBuilder lines = new StringBuilder(8192);
    /** Copies {@link #lines} into the writer, a chunk at a time; guarded by this sink's lock. */
    private final char[] chunk = new char[8192];
    private final UsageCsv.InstantText time = new UsageCsv.InstantText();

    /** A sink that flushes every record. */
    public CsvUsageSink(Path file) {
        this(file, Duration.ZERO, Clock.systemUTC());
    }

    /**
     * A sink with a flush interval.
     *
     * @param file          the CSV file, created with its parent directories if absent
     * @param flushInterval zero to flush every record, else the longest time a record stays buffered (measured
     *                      at the next accept)
     * @param clock         measures the interval
     */
    public CsvUsageSink(Path file, Duration flushInterval, Clock clock) {
        this(file, flushInterval, clock, false);
    }

    /**
     * A sink whose {@link #accept} only queues the record; a writer thread of its own ({@code llmrouter-usage-log},
     * a daemon) appends the queue to the file in batches at most {@value #LINGER_MILLIS} ms apart, flushing after
     * each batch. {@link #flush()}, {@link #close()} and {@link #read(Path)} write out the queue first.
     */
    public static CsvUsageSink batched(Path file) {
        CsvUsageSink sink = new CsvUsageSink(file, Duration.ZERO, Clock.systemUTC(), true);
        Thread t = new Thread(sink::writeBatches, "llmrouter-usage-log");
        t.setDaemon(true);
        sink.writer = t;
        BATCHED.add(sink);
        t.start();
        return sink;
    }

    private CsvUsageSink(Path file, Duration flushInterval, Clock clock, boolean batched) {
        this.queue = batched ? new java.util.ArrayDeque<>() : null;
        this.file = Objects.requireNonNull(file, "file");
        if (flushInterval == null || flushInterval.isNegative()) {
            throw new IllegalArgumentException("flushInterval must be zero or positive, got " + flushInterval);
        }
        this.flushInterval = flushInterval;
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            this.legacy = !fresh && legacyHeader(file);
            this.out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE), 16 * 1024);
            if (fresh) {
                out.write(UsageCsv.header());
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open usage log " + file, e);
        }
        this.lastFlush = clock.instant();
    }

    private static boolean legacyHeader(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            return first != null && first.equals(String.join(",", UsageCsv.LEGACY_COLUMNS));
        }
    }

    @Override
    public void accept(UsageRecord record) {
        Objects.requireNonNull(record, "record");
        if (queue != null) {
            synchronized (queue) {
                if (stopping) {
                    throw new IllegalStateException("usage log " + file + " is closed");
                }
                queue.add(record);
                if (queue.size() == 1) {
                    queue.notifyAll();
                }
            }
            return;
        }
        write(record);
    }

    private synchronized void write(UsageRecord record) {
        if (out == null) {
            throw new IllegalStateException("usage log " + file + " is closed");
        }
        try {
            out.write(UsageCsv.line(record, legacy));
            Instant now = clock.instant();
            if (flushInterval.isZero() || !now.isBefore(lastFlush.plus(flushInterval))) {
                out.flush();
                lastFlush = now;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write usage log " + file, e);
        }
    }

    /** The writer thread of a batched sink: waits for records, lets them gather, writes them out. */
    private void writeBatches() {
        while (true) {
            synchronized (queue) {
                while (queue.isEmpty() && !stopping) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (stopping) {
                    return; // close() writes out what is left
                }
            }
            try {
                Thread.sleep(LINGER_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                flush();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(CsvUsageSink.class).warn("Writing the usage log {} failed: {}",
                        file, e.toString());
            }
        }
    }

    /**
     * Takes the queue and writes it, in the order accepted; called holding this sink's lock, so whatever is taken
     * from the queue is in the file before another flush or close can return.
     */
    private void drain() throws IOException {
        if (queue == null || out == null) {
            return;
        }
        UsageRecord[] batch;
        synchronized (queue) {
            if (queue.isEmpty()) {
                return;
            }
            batch = queue.toArray(new UsageRecord[0]);
            queue.clear();
        }
        StringBuilder b = lines;
        b.setLength(0);
        for (UsageRecord r : batch) {
            UsageCsv.append(b, r, legacy, time);
        }
        for (int at = 0; at < b.length(); at += chunk.length) {
            int n = Math.min(chunk.length, b.length() - at);
            b.getChars(at, at + n, chunk, 0);
            out.write(chunk, 0, n);
        }
        if (b.capacity() > 1 << 20) {
            lines = new StringBuilder(8192); // a burst's batch is not kept for good
        }
    }

    @Override
    public synchronized void flush() {
        if (out != null) {
            try {
                drain();
                out.flush();
                lastFlush = clock.instant();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot flush usage log " + file, e);
            }
        }
    }

    @Override
    public void close() {
        Thread w;
        if (queue != null) {
            synchronized (queue) {
                stopping = true;
                queue.notifyAll();
            }
            BATCHED.remove(this);
        }
        synchronized (this) {
            w = writer;
            writer = null;
            closeWriter();
        }
        if (w != null && w != Thread.currentThread()) {
            try {
                w.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeWriter() {
        if (out != null) {
            try {
                drain();
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot close usage log " + file, e);
            } finally {
                out = null;
            }
        }
    }

    /** The file written to. */
    public Path file() {
        return file;
    }

    /** Reads every record of a CSV usage log (empty list when the file does not exist). */
    public static List<UsageRecord> read(Path file) {
        for (CsvUsageSink sink : BATCHED) {
            if (sink.file.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
                sink.flush();
            }
        }
        if (!Files.exists(file)) {
            return List.of();
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return UsageCsv.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read usage log " + file, e);
        }
    }
}
