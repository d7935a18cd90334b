package dev.llmrouter.camel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package rules of docs/architecture.md, read from the main sources: the lower layers never name a class of
 * the shell (the root, producer, support, observability), their graph has no cycle, and every package says in a
 * package-info.java whether it is API or internal.
 */
class PackageLayeringTest {

    private static final Path MAIN = Path.of("src/main/java/dev/llmrouter/camel");
    private static final String ROOT = "dev.llmrouter.camel";
    private static final Set<String> SHELL = Set.of(ROOT, ROOT + ".producer", ROOT + ".support",
            ROOT + ".observability");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.llmrouter\\.camel(?:\\.[a-z]\\w*)*)\\.[A-Z]");

    private static Map<String, Set<String>> graph() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(MAIN)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path file : files) {
            String source = Files.readString(file);
            Matcher pm = PACKAGE.matcher(source);
            assertTrue(pm.find(), file + " has a package declaration");
            String pkg = pm.group(1);
            Set<String> to = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
            Matcher rm = REFERENCE.matcher(source);
            while (rm.find()) {
                if (!rm.group(1).equals(pkg)) {
                    to.add(rm.group(1));
                }
            }
        }
        return uses;
    }

    @Test
    void lowerLayersNeverNameTheShell() throws IOException {
        List<String> violations = new ArrayList<>();
        graph().forEach((pkg, to) -> {
            if (!SHELL.contains(pkg)) {
                to.stream().filter(SHELL::contains).forEach(s -> violations.add(pkg + " -> " + s));
            }
        });
        assertEquals(List.of(), violations);
    }

    @Test
    void lowerLayersHaveNoCycle() throws IOException {
        Map<String, Set<String>> g = graph();
        SHELL.forEach(g::remove);
        List<String> cycles = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : g.entrySet()) {
            for (String next : e.getValue()) {
                if (reaches(g, next, e.getKey(), new TreeSet<>())) {
                    cycles.add(e.getKey() + " <-> " + next);
                }
            }
        }
        assertEquals(List.of(), cycles);
    }

    private static boolean reaches(Map<String, Set<String>> g, String from, String to, Set<String> seen) {
        if (from.equals(to)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        for (String next : g.getOrDefault(from, Set.of())) {
            if (reaches(g, next, to, seen)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void componentLeavesItsMachineryToSharedRuntime() throws IOException {
        String component = Files.readString(MAIN.resolve("LlmRouterComponent.java"));
        List<String> built = new ArrayList<>();
        for (String type : List.of("AsyncHttpTransport", "ThreadPoolProfile", "InMemoryLedger", "JdbcLedger",
                "JournaledLedger", "SettlementJournal", "LeaseRenewer", "CsvUsageSink", "JdbcUsageSink",
                "EndpointUsageSink", "TimerTasks", "LlmRouterObservability")) {
            if (Pattern.compile("\\b" + type + "\\b").matcher(component).find()) {
                built.add(type);
            }
        }
        assertEquals(List.of(), built, "LlmRouterComponent names machinery that belongs in support/SharedRuntime");
        String runtime = Files.readString(MAIN.resolve("support/SharedRuntime.java"));
        assertTrue(runtime.contains("new AsyncHttpTransport(") && runtime.contains("new CircuitBreakers("),
                "SharedRuntime builds the transport and the circuit breakers");
    }

    @Test
    void everyPackageSaysWhetherItIsApi() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String pkg : graph().keySet()) {
            Path info = MAIN.resolve(pkg.substring(ROOT.length()).replace('.', '/').replaceFirst("^/", ""))
                    .resolve("package-info.java");
            if (!Files.exists(info)) {
                missing.add(pkg);
            } else {
                String text = Files.readString(info);
                if (!text.contains("API") && !text.contains("Internal")) {
                    missing.add(pkg + " (says neither API nor Internal)");
                }
            }
        }
        assertEquals(List.of(), missing);
    }
}
