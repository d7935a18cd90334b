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

    /** One record as a CRLF-terminated line; {@code legacy} leaves out {@code budget_levels}. */
    /**
     * Writes the line of {@code r} (with its CRLF) to {@code b}, as {@link #line(UsageRecord, boolean)} makes it,
     * field by field (no line string in between).
     */
    static void append(java.io.Writer b, UsageRecord r, boolean legacy) throws IOException {
        b.write(quote(r.time().toString()));
        field(b, s(r.routeId()));
        field(b, s(r.endpoint()));
        field(b, s(r.model()));
        field(b, s(r.provider()));
        field(b, s(r.target()));
        field(b, s(r.promptTokens()));
        field(b, s(r.completionTokens()));
        field(b, s(r.reasoningTokens()));
        field(b, s(r.cachedTokens()));
        field(b, Usd.text(r.cost()));
        field(b, s(r.generationId()));
        field(b, s(r.budgetKey()));
        field(b, Boolean.toString(r.cacheHit()));
        field(b, s(r.outcome()));
        if (!legacy) {
            field(b, s(r.budgetLevels()));
        }
        b.write("\r\n");
    }

    private static void field(java.io.Writer b, String v) throws IOException {
        b.write(',');
        b.write(quote(v));
    }

    static String line(UsageRecord r, boolean legacy) {
        List<String> f = List.of(r.time().toString(), s(r.routeId()), s(r.endpoint()), s(r.model()),
                s(r.provider()), s(r.target()), s(r.promptTokens()), s(r.completionTokens()), s(r.reasoningTokens()),
                s(r.cachedTokens()), Usd.text(r.cost()), s(r.generationId()),
                s(r.budgetKey()), Boolean.toString(r.cacheHit()), s(r.outcome()), s(r.budgetLevels()));
        if (legacy) {
            f = f.subList(0, LEGACY_COLUMNS.size());
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < f.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(quote(f.get(i)));
        }
        return b.append("\r\n").toString();
    }

    /** Quotes a field when RFC 4180 requires it. */
    static String quote(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\r') < 0 && v.indexOf('\n') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
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

    private static String s(Object v) {
        return v == null ? "" : v.toString();
    }

    private static String n(String v) {
        return v.isEmpty() ? null : v;
    }

    private static Integer i(String v) {
        return v.isEmpty() ? null : Integer.valueOf(v);
    }
}
