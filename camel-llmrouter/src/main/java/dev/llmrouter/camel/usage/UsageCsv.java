package dev.llmrouter.camel.usage;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.llmrouter.camel.error.Usd;

/**
 * The CSV form of {@link UsageRecord}s (RFC 4180: comma-separated, CRLF line ends, fields containing a comma,
 * quote, CR or LF quoted with doubled quotes). Empty field = null. Time is ISO-8601 UTC; cost a plain decimal.
 */
public final class UsageCsv {

    /** The header line's column names, in order. */
    public static final List<String> COLUMNS = List.of("time", "route_id", "endpoint", "model", "provider", "target",
            "prompt_tokens", "completion_tokens", "reasoning_tokens", "cached_tokens", "cost_usd", "generation_id",
            "budget_key", "cache_hit", "outcome", "budget_levels");

    /**
     * The columns of files written before nested budgets (without {@code budget_levels}): {@link CsvUsageSink} keeps
     * appending in this form to a file that starts with this header, and {@link #read} takes both.
     */
    public static final List<String> LEGACY_COLUMNS = COLUMNS.subList(0, COLUMNS.size() - 1);

    private UsageCsv() {
    }

    /** The header line, CRLF-terminated. */
    public static String header() {
        return String.join(",", COLUMNS) + "\r\n";
    }

    /** One record as a CRLF-terminated line. */
    public static String line(UsageRecord r) {
        return line(r, false);
    }

    /**
     * Appends the line of {@code r} (with its CRLF) to {@code b}: the same text as {@link #line(UsageRecord)}, built
     * without a string per field. {@code legacy} leaves out {@code budget_levels}; {@code time} formats the time
     * column (null: {@link Instant#toString()}, which it matches).
     */
    static void append(StringBuilder b, UsageRecord r, boolean legacy, InstantText time) {
        if (time == null) {
            b.append(r.time());
        } else {
            time.append(b, r.time());
        }
        text(b, r.routeId());
        text(b, r.endpoint());
        text(b, r.model());
        text(b, r.provider());
        text(b, r.target());
        number(b, r.promptTokens());
        number(b, r.completionTokens());
        number(b, r.reasoningTokens());
        number(b, r.cachedTokens());
        b.append(',').append(Usd.text(r.cost()));
        text(b, r.generationId());
        text(b, r.budgetKey());
        b.append(',').append(r.cacheHit());
        text(b, r.outcome());
        if (!legacy) {
            text(b, r.budgetLevels());
        }
        b.append("\r\n");
    }

    /** A comma, then the field (nothing for null), quoted when RFC 4180 requires it. */
    private static void text(StringBuilder b, String v) {
        b.append(',');
        if (v == null) {
            return;
        }
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\r') < 0 && v.indexOf('\n') < 0) {
            b.append(v);
            return;
        }
        b.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') {
                b.append('"');
            }
            b.append(c);
        }
        b.append('"');
    }

    private static void number(StringBuilder b, Integer v) {
        b.append(',');
        if (v != null) {
            b.append(v.intValue());
        }
    }

    /** One record as a CRLF-terminated line; {@code legacy} leaves out {@code budget_levels}. */
    static String line(UsageRecord r, boolean legacy) {
        StringBuilder b = new StringBuilder(256);
        append(b, r, legacy, null);
        return b.toString();
    }

    /**
     * Formats instants as {@link Instant#toString()} does (ISO-8601 UTC, the fraction in groups of three digits),
     * keeping the date and time of the last second it formatted: a writer formatting many records of the same
     * second builds that part once. Not thread-safe; one per writer.
     */
    static final class InstantText {
        private long second = Long.MIN_VALUE;
        /** {@code yyyy-MM-ddTHH:mm:ss} of {@link #second}. */
        private String prefix;

        void append(StringBuilder b, Instant t) {
            long s = t.getEpochSecond();
            if (s != second) {
                String whole = Instant.ofEpochSecond(s).toString();
                if (whole.length() != 20) {
                    // a year outside 0000-9999 (a sign, or more digits): rare enough to format in full
                    b.append(t);
                    return;
                }
                prefix = whole.substring(0, 19);
                second = s;
            }
            b.append(prefix);
            int nano = t.getNano();
            if (nano != 0) {
                b.append('.');
                if (nano % 1_000_000 == 0) {
                    digits(b, nano / 1_000_000, 100);
                } else if (nano % 1000 == 0) {
                    digits(b, nano / 1000, 100_000);
                } else {
                    digits(b, nano, 100_000_000);
                }
            }
            b.append('Z');
        }

        /** {@code v} with leading zeros, from the digit worth {@code unit} down. */
        private static void digits(StringBuilder b, int v, int unit) {
            for (int u = unit; u > 0; u /= 10) {
                b.append((char) ('0' + v / u % 10));
            }
        }
    }

    /** Reads records written by {@link #line}; the header line (if first) is skipped, blank lines ignored. */
    public static List<UsageRecord> read(Reader in) throws IOException {
        List<UsageRecord> out = new ArrayList<>();
        List<List<String>> rows = parse(in);
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (i == 0 && !row.isEmpty() && row.get(0).equals(COLUMNS.get(0))) {
                continue;
            }
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue;
            }
            if (row.size() != COLUMNS.size() && row.size() != LEGACY_COLUMNS.size()) {
                throw new IOException("CSV row " + (i + 1) + " has " + row.size() + " fields, expected "
                        + COLUMNS.size() + " (or " + LEGACY_COLUMNS.size() + " without budget_levels)");
            }
            out.add(new UsageRecord(Instant.parse(row.get(0)), n(row.get(1)), n(row.get(2)), n(row.get(3)),
                    n(row.get(4)), n(row.get(5)), i(row.get(6)), i(row.get(7)), i(row.get(8)), i(row.get(9)),
                    row.get(10).isEmpty() ? null : new BigDecimal(row.get(10)), n(row.get(11)), n(row.get(12)),
                    Boolean.parseBoolean(row.get(13)), n(row.get(14)),
                    row.size() > LEGACY_COLUMNS.size() ? n(row.get(15)) : null));
        }
        return out;
    }

    /** Splits RFC 4180 text into rows of fields. */
    static List<List<String>> parse(Reader source) throws IOException {
        Reader in = source.markSupported() ? source : new java.io.BufferedReader(source);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int c;
        while ((c = in.read()) >= 0) {
            any = true;
            if (quoted) {
                if (c == '"') {
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (next >= 0) {
                            in.reset();
                        }
                    }
                } else {
                    field.append((char) c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                any = false;
            } else if (c != '\r') {
                field.append((char) c);
            }
        }
        if (any) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    private static String n(String v) {
        return v.isEmpty() ? null : v;
    }

    private static Integer i(String v) {
        return v.isEmpty() ? null : Integer.valueOf(v);
    }
}
