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
 */
public final class CsvUsageSink implements UsageSink {

    private final Path file;
    private final Duration flushInterval;
    private final Clock clock;
    private Writer out;
    private final boolean legacy;
    private Instant lastFlush;

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
    public synchronized void accept(UsageRecord record) {
        Objects.requireNonNull(record, "record");
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

    @Override
    public synchronized void flush() {
        if (out != null) {
            try {
                out.flush();
                lastFlush = clock.instant();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot flush usage log " + file, e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
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
