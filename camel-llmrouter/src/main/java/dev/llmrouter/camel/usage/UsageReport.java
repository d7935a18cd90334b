package dev.llmrouter.camel.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Sums usage records by model, by route or by day and renders the sums as a markdown table or (by model) as an
 * SVG bar chart ({@link UsageChart}). Records without a cost count as zero cost; a missing key is shown as
 * {@code (none)}.
 */
public final class UsageReport {

    /**
     * One aggregated line.
     *
     * @param key              the model, route or day
     * @param calls            number of records
     * @param promptTokens     summed prompt tokens
     * @param completionTokens summed completion tokens
     * @param cost             summed cost in USD
     */
    public record Row(String key, long calls, long promptTokens, long completionTokens, BigDecimal cost) {
    }

    private final List<UsageRecord> records;

    private UsageReport(List<UsageRecord> records) {
        this.records = records;
    }

    /** A report over the given records. */
    public static UsageReport of(Collection<UsageRecord> records) {
        return new UsageReport(List.copyOf(records));
    }

    /** A report over a CSV usage log written by {@link CsvUsageSink}. */
    public static UsageReport fromCsv(java.nio.file.Path file) {
        return of(CsvUsageSink.read(file));
    }

    /** Sums by model, highest cost first (ties by key). */
    public List<Row> byModel() {
        return byCost(group(UsageRecord::model));
    }

    /** Sums by route id, highest cost first (ties by key). */
    public List<Row> byRoute() {
        return byCost(group(UsageRecord::routeId));
    }

    /** Sums by calendar day ({@code yyyy-MM-dd}) in {@code zone}, oldest first. */
    public List<Row> byDay(ZoneId zone) {
        List<Row> rows = group(r -> LocalDate.ofInstant(r.time(), zone).toString());
        rows.sort(Comparator.comparing(Row::key));
        return rows;
    }

    /** The total cost of all records, USD. */
    public BigDecimal totalCost() {
        return records.stream().map(r -> r.cost() == null ? BigDecimal.ZERO : r.cost())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Renders rows as a markdown table; {@code keyTitle} heads the first column. Costs have 6 decimals. */
    public static String toMarkdown(String keyTitle, List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| ").append(escapeCell(keyTitle)).append(" | calls | prompt tokens | completion tokens | cost USD |\n");
        b.append("|---|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            b.append("| ").append(escapeCell(r.key)).append(" | ").append(r.calls).append(" | ")
                    .append(r.promptTokens).append(" | ").append(r.completionTokens).append(" | ")
                    .append(r.cost.setScale(6, RoundingMode.HALF_UP).toPlainString()).append(" |\n");
        }
        return b.toString();
    }

    /** An SVG bar chart of cost by model; see {@link UsageChart#costBars}. */
    public String costByModelSvg(String title) {
        return UsageChart.costBars(title, byModel());
    }

    private static String escapeCell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private List<Row> group(Function<UsageRecord, String> key) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, BigDecimal> costs = new LinkedHashMap<>();
        for (UsageRecord r : records) {
            String k = key.apply(r);
            k = k == null || k.isEmpty() ? "(none)" : k;
            long[] c = counts.computeIfAbsent(k, x -> new long[3]);
            c[0]++;
            c[1] += r.promptTokens() == null ? 0 : r.promptTokens();
            c[2] += r.completionTokens() == null ? 0 : r.completionTokens();
            costs.merge(k, r.cost() == null ? BigDecimal.ZERO : r.cost(), BigDecimal::add);
        }
        List<Row> rows = new ArrayList<>();
        counts.forEach((k, c) -> rows.add(new Row(k, c[0], c[1], c[2], costs.get(k))));
        return rows;
    }

    private static List<Row> byCost(List<Row> rows) {
        rows.sort(Comparator.comparing(Row::cost).reversed().thenComparing(Row::key));
        return rows;
    }
}
