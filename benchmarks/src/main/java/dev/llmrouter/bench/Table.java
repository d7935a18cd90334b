package dev.llmrouter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The per-call table. Each repetition runs every client at every concurrency, one round each, cut into slices that
 * the clients take in turns (in an order shuffled per slice), so a client's round and the floor's round of the same
 * repetition are close in time. A figure is the
 * median over the repetitions; its ratio to the floor is the median of the per-repetition ratios (paired, which
 * cancels most of the drift of a shared machine), with their lowest and highest in brackets. The CPU ratio also gets
 * a distribution-free confidence interval of that median (from the order statistics of the per-repetition ratios,
 * at least 95 %): how far the median itself could be off, which the lowest and highest do not say.
 */
final class Table {

    private record Entry(int rep, Meter.Round round) {
    }

    /** The name of the row every ratio is taken to: the hand-written Apache HttpClient 5 async client. */
    static final String FLOOR = "floor (HC5)";

    private final List<Entry> entries = new ArrayList<>();

    void add(int rep, Meter.Round round) {
        entries.add(new Entry(rep, round));
    }

    static double median(List<Meter.Round> rounds, ToDoubleFunction<Meter.Round> figure) {
        return median(rounds.stream().mapToDouble(figure).toArray());
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    String markdown(List<String> clients, int[] concurrencies) {
        StringBuilder out = new StringBuilder();
        out.append("| concurrency | client | CPU µs/call | CPU × floor | CPU × floor, median's 95 % CI | calls/s "
                + "| calls/s × floor | p50 ms | p99 ms | alloc KiB/call | alloc × floor | threads started/call "
                + "| errors |\n");
        out.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int c : concurrencies) {
            for (String client : clients) {
                List<Meter.Round> rs = rounds(client, c);
                if (rs.isEmpty()) {
                    continue;
                }
                double[] cpu = ratios(client, c, Meter.Round::cpuMicrosPerCall);
                out.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %s | %s | %.0f | %s | %.2f | %.2f | %.1f "
                                + "| %s | %.3f | %d |\n",
                        c, client, median(rs, Meter.Round::cpuMicrosPerCall),
                        ratio(client, cpu), client.equals(FLOOR) ? "" : confidence(cpu),
                        median(rs, Meter.Round::callsPerSecond),
                        ratio(client, ratios(client, c, Meter.Round::callsPerSecond)),
                        median(rs, Meter.Round::p50Micros) / 1000, median(rs, Meter.Round::p99Micros) / 1000,
                        median(rs, Meter.Round::allocKiBPerCall),
                        ratio(client, ratios(client, c, Meter.Round::allocKiBPerCall)),
                        median(rs, Meter.Round::threadsStartedPerCall),
                        rs.stream().mapToInt(Meter.Round::errors).sum()));
            }
        }
        return out.toString();
    }

    private List<Meter.Round> rounds(String client, int concurrency) {
        return entries.stream().map(Entry::round)
                .filter(r -> r.client().equals(client) && r.concurrency() == concurrency).toList();
    }

    /** Median (lowest–highest) of a client's per-repetition ratios to the floor ({@link #ratios}). */
    private static String ratio(String client, double[] ratios) {
        if (ratios.length == 0) {
            return "-";
        }
        if (client.equals(FLOOR)) {
            return "1";
        }
        return spread(ratios);
    }

    /** client ÷ floor of each repetition that has both rounds, each pair from the same repetition. */
    private double[] ratios(String client, int concurrency, ToDoubleFunction<Meter.Round> figure) {
        List<Double> ratios = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.round().client().equals(client) || e.round().concurrency() != concurrency) {
                continue;
            }
            entries.stream().filter(f -> f.rep() == e.rep() && f.round().client().equals(FLOOR)
                            && f.round().concurrency() == concurrency).findFirst()
                    .ifPresent(f -> ratios.add(figure.applyAsDouble(e.round()) / figure.applyAsDouble(f.round())));
        }
        return ratios.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * "lower–upper": a confidence interval of at least 95 % for the median of the values, free of any assumption
     * about their distribution. With the values sorted, the median lies between the k-th lowest and the k-th highest
     * unless at least n-k+1 of the n values fall on one side of it; for each side that chance is P(X &lt; k), X
     * binomial(n, 1/2), and k is the largest rank keeping both sides together at 5 % or less. "-" for fewer than 6
     * values, where no such k exists.
     */
    static String confidence(double[] values) {
        int n = values.length;
        int k = 0;
        for (int rank = 1; rank <= n / 2; rank++) {
            if (2 * binomialBelow(n, rank) <= 0.05) {
                k = rank;
            }
        }
        if (k == 0) {
            return "-";
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return String.format(Locale.ROOT, "%.2f–%.2f", v[k - 1], v[n - k]);
    }

    /** P(X &lt; k) for X binomial(n, 1/2). */
    static double binomialBelow(int n, int k) {
        double sum = 0;
        double term = Math.pow(0.5, n); // P(X = 0)
        for (int i = 0; i < k; i++) {
            sum += term;
            term = term * (n - i) / (i + 1);
        }
        return sum;
    }

    /** "median (lowest–highest)" of some values, two decimals. */
    static String spread(double[] values) {
        return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", median(values), Arrays.stream(values).min().orElse(0),
                Arrays.stream(values).max().orElse(0));
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }
}
