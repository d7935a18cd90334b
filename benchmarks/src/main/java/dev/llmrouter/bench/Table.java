package dev.llmrouter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The per-call table: every client at every concurrency, rounds interleaved (each repetition runs every
 * concurrency for every client, the client order rotating), each figure the median over the repetitions and
 * its ratio to the floor's median from the same run.
 */
final class Table {

    private final List<Meter.Round> rounds = new ArrayList<>();

    void add(Meter.Round round) {
        rounds.add(round);
    }

    static double median(List<Meter.Round> rounds, ToDoubleFunction<Meter.Round> figure) {
        double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
        int m = values.length / 2;
        return values.length % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2;
    }

    String markdown(List<String> clients, int[] concurrencies) {
        StringBuilder out = new StringBuilder();
        out.append("| concurrency | client | CPU µs/call | × floor | calls/s | × floor | p50 ms | p99 ms "
                + "| alloc KiB/call | × floor | threads started/call | errors |\n");
        out.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int c : concurrencies) {
            Map<String, List<Meter.Round>> byClient = new LinkedHashMap<>();
            for (String client : clients) {
                byClient.put(client, rounds.stream().filter(r -> r.client().equals(client) && r.concurrency() == c)
                        .toList());
            }
            List<Meter.Round> floor = byClient.get("floor");
            for (Map.Entry<String, List<Meter.Round>> e : byClient.entrySet()) {
                List<Meter.Round> rs = e.getValue();
                if (rs.isEmpty()) {
                    continue;
                }
                double cpu = median(rs, Meter.Round::cpuMicrosPerCall);
                double rate = median(rs, Meter.Round::callsPerSecond);
                double alloc = median(rs, Meter.Round::allocKiBPerCall);
                out.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %s | %.0f | %s | %.2f | %.2f | %.1f | %s "
                                + "| %.3f | %d |\n",
                        c, e.getKey(), cpu, ratio(cpu, floor, Meter.Round::cpuMicrosPerCall), rate,
                        ratio(rate, floor, Meter.Round::callsPerSecond),
                        median(rs, Meter.Round::p50Micros) / 1000, median(rs, Meter.Round::p99Micros) / 1000,
                        alloc, ratio(alloc, floor, Meter.Round::allocKiBPerCall),
                        median(rs, Meter.Round::threadsStartedPerCall),
                        rs.stream().mapToInt(Meter.Round::errors).sum()));
            }
        }
        return out.toString();
    }

    private static String ratio(double value, List<Meter.Round> floor, ToDoubleFunction<Meter.Round> figure) {
        if (floor == null || floor.isEmpty()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f", value / median(floor, figure));
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }
}
