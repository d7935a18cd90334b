package dev.llmrouter.camel.usage;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilderFactory;

import dev.llmrouter.camel.cost.budget.H2LedgerTest;
import dev.llmrouter.camel.cost.budget.PostgresLedgerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static dev.llmrouter.camel.cost.PricingCatalogTest.assertDecimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsageLogTest {

    static final Instant T = Instant.parse("2026-04-01T10:00:00Z");

    static UsageRecord rec(Instant t, String route, String model, String cost) {
        return new UsageRecord(t, route, "llmrouter:chat?model=x", model, "DeepInfra", "openrouter", 100, 50, 10, 20,
                cost == null ? null : new BigDecimal(cost), "gen-1", "daily/tenant", false, "ok");
    }

    static UsageRecord awkward() {
        return new UsageRecord(T, "route,with \"quotes\"", "line1\nline2\r\nline3", "a/b", null, "", null, 7, null,
                null, new BigDecimal("0.000000123456789"), "gen-ü😀", null, true, "error");
    }

    @Test
    void csvWritesTheHeaderOnceQuotesAndReadsBack(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("logs/usage.csv");
        try (CsvUsageSink sink = new CsvUsageSink(f)) {
            sink.accept(rec(T, "r1", "openai/gpt-4o", "0.01"));
            sink.accept(awkward());
        }
        try (CsvUsageSink sink = new CsvUsageSink(f)) {
            sink.accept(rec(T.plusSeconds(1), "r2", "openai/gpt-4o", null));
        }
        String text = Files.readString(f);
        assertTrue(text.startsWith(UsageCsv.header()), text);
        assertEquals(text.indexOf("time,route_id"), text.lastIndexOf("time,route_id"), "header once");
        assertTrue(text.contains("\"route,with \"\"quotes\"\"\""), text);
        List<UsageRecord> back = CsvUsageSink.read(f);
        assertEquals(3, back.size());
        UsageRecord a = back.get(1);
        UsageRecord expected = awkward();
        assertEquals(expected.routeId(), a.routeId());
        assertEquals(expected.endpoint(), a.endpoint());
        assertEquals(expected.generationId(), a.generationId());
        assertDecimal("0.000000123456789", a.cost());
        assertEquals(null, a.provider());
        assertEquals(7, a.completionTokens());
        assertTrue(a.cacheHit());
        assertEquals(null, back.get(2).cost());
        assertEquals(rec(T, "r1", "openai/gpt-4o", "0.01"), back.get(0));
    }

    @Test
    void intervalFlushingLosesNothingOnClose(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("u.csv");
        CsvUsageSink sink = new CsvUsageSink(f, Duration.ofHours(1), Clock.fixed(T, ZoneOffset.UTC));
        sink.accept(rec(T, "r", "m/1", "1"));
        assertEquals(0, CsvUsageSink.read(f).size(), "buffered until the interval, flush or close");
        sink.flush();
        assertEquals(1, CsvUsageSink.read(f).size());
        sink.accept(rec(T, "r", "m/1", "1"));
        sink.close();
        assertEquals(2, CsvUsageSink.read(f).size());
        assertThrows(IllegalStateException.class, () -> sink.accept(rec(T, "r", "m/1", "1")));
    }

    @Test
    void batchedCsvWritesOnItsOwnThreadAndReadFlushSeeEveryAcceptedRecord(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("batched/usage.csv");
        CsvUsageSink sink = CsvUsageSink.batched(f);
        List<String> writers = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        sink.accept(rec(T.plusSeconds(i), "t" + thread, "m/" + i, "0.5"));
                    }
                }));
            }
            for (Future<?> x : fs) {
                x.get(10, TimeUnit.SECONDS);
            }
            // read() writes out what the sink still queues for this file: nothing accepted is missing
            List<UsageRecord> back = CsvUsageSink.read(f);
            assertEquals(200, back.size());
            for (int t = 0; t < 4; t++) {
                String route = "t" + t;
                List<UsageRecord> mine = back.stream().filter(r -> r.routeId().equals(route)).toList();
                assertEquals(50, mine.size(), route);
                for (int i = 0; i < 50; i++) {
                    assertEquals("m/" + i, mine.get(i).model(), "each thread's records in the order accepted");
                }
            }
            // without a read or a flush, the writer thread appends a record within a few linger periods
            sink.accept(rec(T, "late", "m/late", null));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.readString(f).contains("m/late") && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(Files.readString(f).contains("m/late"), "written by the sink's own thread");
            Thread.getAllStackTraces().keySet().forEach(th -> writers.add(th.getName()));
            assertTrue(writers.contains("llmrouter-usage-log"), writers.toString());
            sink.accept(rec(T, "last", "m/last", "1"));
        } finally {
            pool.shutdownNow();
            sink.close();
        }
        List<UsageRecord> all = CsvUsageSink.read(f);
        assertEquals(202, all.size(), "close writes out the queue");
        assertEquals("m/last", all.get(201).model());
        assertEquals(1, Files.readString(f).split("time,route_id", -1).length - 1, "header once");
        assertThrows(IllegalStateException.class, () -> sink.accept(rec(T, "r", "m/1", "1")));
    }

    @Test
    void theBatchedWriterWritesTheSameTextAsOneLinePerRecord(@TempDir Path dir) throws Exception {
        List<UsageRecord> records = new ArrayList<>();
        records.add(awkward());
        // times in the same second and across seconds, with every fraction width, and years Instant prints apart
        long[] nanos = {0, 1, 120_000_000, 123_000_000, 123_400_000, 123_456_000, 123_456_700, 999_999_999};
        for (int i = 0; i < 400; i++) {
            Instant t = T.plusSeconds(i / 7).plusNanos(nanos[i % nanos.length]);
            records.add(rec(t, "r" + i, "m/" + i, i % 3 == 0 ? null : "0.00" + i));
        }
        records.add(rec(Instant.parse("+10000-01-01T00:00:00.5Z"), "far", "m/far", "1"));
        records.add(rec(Instant.parse("-0001-12-31T23:59:59Z"), "past", "m/past", "1"));
        records.add(rec(Instant.parse("0001-01-01T00:00:00.000000001Z"), "early", "m/early", "1"));
        Path batched = dir.resolve("batched.csv");
        Path plain = dir.resolve("plain.csv");
        CsvUsageSink b = CsvUsageSink.batched(batched);
        CsvUsageSink p = new CsvUsageSink(plain);
        try {
            for (UsageRecord r : records) {
                b.accept(r);
                p.accept(r);
            }
        } finally {
            b.close();
            p.close();
        }
        String text = Files.readString(plain);
        assertTrue(text.length() > 3 * 8192, "the batch spans several chunks: " + text.length());
        assertEquals(text, Files.readString(batched));
        assertEquals(records.size(), CsvUsageSink.read(batched).size());

        UsageCsv.InstantText time = new UsageCsv.InstantText();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextInt(2_000_000_000) + (i % 5 == 0 ? 0 : 4_000_000_000L),
                    i % 4 == 0 ? 0 : i % 4 == 1 ? random.nextInt(1000) * 1_000_000 : random.nextInt(1_000_000_000));
            StringBuilder out = new StringBuilder();
            time.append(out, t);
            assertEquals(t.toString(), out.toString());
        }
    }

    @Test
    void csvIsThreadSafe(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("par.csv");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (CsvUsageSink sink = new CsvUsageSink(f, Duration.ofMinutes(1), Clock.systemUTC())) {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                fs.add(pool.submit(() -> sink.accept(rec(T, "r" + n, "m/" + (n % 3),
                        "0.001"))));
            }
            for (Future<?> fu : fs) {
                fu.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
        List<UsageRecord> back = CsvUsageSink.read(f);
        assertEquals(400, back.size());
        assertDecimal("0.4", UsageReport.of(back).totalCost());
    }

    @Test
    void jdbcSinkOnH2() {
        jdbcRoundTrip(H2LedgerTest.h2("usage_" + UUID.randomUUID().toString().replace("-", "")), "usage_log");
    }

    @Test
    void jdbcSinkOnPostgres() throws Exception {
        DataSource ds = PostgresLedgerTest.postgres();
        String table = "usage_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            jdbcRoundTrip(ds, table);
        } finally {
            PostgresLedgerTest.drop(ds, table);
        }
    }

    private static void jdbcRoundTrip(DataSource ds, String table) {
        JdbcUsageSink sink = new JdbcUsageSink(ds, table).start();
        new JdbcUsageSink(ds, table).start();
        sink.accept(rec(T, "r1", "openai/gpt-4o", "0.0123"));
        sink.accept(awkward());
        sink.accept(rec(T.plusSeconds(7200), "r1", "x/y", "1"));
        List<UsageRecord> back = sink.read(T, T.plusSeconds(3600));
        assertEquals(2, back.size());
        assertEquals(rec(T, "r1", "openai/gpt-4o", "0.0123"), back.get(0));
        UsageRecord a = back.get(1);
        assertEquals(awkward().endpoint(), a.endpoint());
        assertEquals(awkward().generationId(), a.generationId());
        assertDecimal("0.000000123456789", a.cost());
        assertEquals(null, a.promptTokens());
        sink.close();
        assertThrows(IllegalStateException.class, () -> sink.accept(awkward()));
        assertThrows(IllegalArgumentException.class, () -> new JdbcUsageSink(ds, "bad-name"));
    }

    static UsageRecord nested() {
        return new UsageRecord(T, "r1", "llmrouter:chat", "a/b", null, null, 1, 2, null, null, new BigDecimal("0.5"),
                "gen-2", "acme", false, "ok", "perTenant=acme;team=red, blue;global=");
    }

    @Test
    void csvCarriesTheBudgetLevelsAndAFileWithTheOldHeaderIsContinuedInItsOwnWidth(@TempDir Path dir)
            throws Exception {
        Path fresh = dir.resolve("fresh.csv");
        try (CsvUsageSink sink = new CsvUsageSink(fresh)) {
            sink.accept(nested());
        }
        assertTrue(Files.readString(fresh).startsWith(UsageCsv.header()));
        assertTrue(UsageCsv.header().trim().endsWith(",budget_levels"));
        assertEquals(List.of(nested()), CsvUsageSink.read(fresh));

        // a log written before nested budgets: 15 columns, and it stays so
        Path old = dir.resolve("old.csv");
        Files.writeString(old, String.join(",", UsageCsv.LEGACY_COLUMNS) + "\r\n"
                               + "2026-04-01T09:00:00Z,r0,e,m,p,t,1,2,,,0.1,gen-0,k,false,ok\r\n");
        try (CsvUsageSink sink = new CsvUsageSink(old)) {
            sink.accept(nested());
        }
        for (String line : Files.readString(old).split("\r\n")) {
            assertEquals(15, UsageCsv.parse(new java.io.StringReader(line + "\r\n")).get(0).size(), line);
        }
        List<UsageRecord> back = CsvUsageSink.read(old);
        assertEquals(2, back.size());
        assertEquals(null, back.get(1).budgetLevels(), "the old layout has no place for it");
        assertEquals("acme", back.get(1).budgetKey());
    }

    @Test
    void aUsageTableMadeBeforeNestedBudgetsGetsTheLevelsColumn() throws Exception {
        DataSource ds = H2LedgerTest.h2("usage_" + UUID.randomUUID().toString().replace("-", ""));
        try (var c = ds.getConnection(); var st = c.createStatement()) {
            st.execute("CREATE TABLE old_usage (time_ms BIGINT NOT NULL, route_id VARCHAR(200), endpoint VARCHAR(1000),"
                       + " model VARCHAR(200), provider VARCHAR(200), target VARCHAR(200), prompt_tokens INTEGER,"
                       + " completion_tokens INTEGER, reasoning_tokens INTEGER, cached_tokens INTEGER,"
                       + " cost_usd DECIMAL(38,18), generation_id VARCHAR(200), budget_key VARCHAR(500),"
                       + " cache_hit BOOLEAN NOT NULL, outcome VARCHAR(100))");
            st.execute("INSERT INTO old_usage VALUES (" + T.minusSeconds(60).toEpochMilli()
                       + ", 'r0', 'e', 'm', null, null, 1, 2, null, null, 0.1, 'gen-0', 'k', false, 'ok')");
        }
        JdbcUsageSink sink = new JdbcUsageSink(ds, "old_usage").start();
        sink.accept(nested());
        List<UsageRecord> back = sink.read(T.minusSeconds(120), T.plusSeconds(1));
        assertEquals(2, back.size());
        assertEquals(null, back.get(0).budgetLevels());
        assertEquals(nested().budgetLevels(), back.get(1).budgetLevels());
    }

    @Test
    void reportAggregatesAndRenders() {
        List<UsageRecord> rs = List.of(rec(T, "orders", "openai/gpt-4o", "0.30"),
                rec(T.plusSeconds(60), "orders", "anthropic/claude-haiku-4.5", "0.10"),
                rec(T.plus(Duration.ofDays(1)), "tickets", "openai/gpt-4o", "0.30"),
                rec(T.plus(Duration.ofDays(1)), null, "x/<b>&\"y\"", "0.15"),
                rec(T.plus(Duration.ofDays(1)), "tickets", "x/free", null));
        UsageReport report = UsageReport.of(rs);
        List<UsageReport.Row> byModel = report.byModel();
        assertEquals(List.of("openai/gpt-4o", "x/<b>&\"y\"", "anthropic/claude-haiku-4.5", "x/free"),
                byModel.stream().map(UsageReport.Row::key).toList());
        assertDecimal("0.6", byModel.get(0).cost());
        assertEquals(2, byModel.get(0).calls());
        assertEquals(200, byModel.get(0).promptTokens());
        assertEquals(List.of("orders", "tickets", "(none)"), report.byRoute().stream().map(UsageReport.Row::key)
                .toList());
        List<UsageReport.Row> days = report.byDay(ZoneId.of("UTC"));
        assertEquals("2026-04-01", days.get(0).key());
        assertDecimal("0.4", days.get(0).cost());
        assertDecimal("0.45", days.get(1).cost());
        assertDecimal("0.85", report.totalCost());
        String md = UsageReport.toMarkdown("model", byModel);
        assertTrue(md.startsWith("| model | calls |"), md);
        assertTrue(md.contains("| openai/gpt-4o | 2 | 200 | 100 | 0.600000 |"), md);
    }

    @Test
    void svgParsesAndHasOneProportionalBarPerModel() throws Exception {
        UsageReport report = UsageReport.of(List.of(rec(T, "r", "openai/gpt-4o", "0.60"),
                rec(T, "r", "x/<b>&\"y\"", "0.15"), rec(T, "r", "a/b", "0.30"), rec(T, "r", "z/free", null)));
        String svg = report.costByModelSvg("Cost by model <April & May>");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI());
        NodeList rects = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        List<Element> bars = new ArrayList<>();
        for (int i = 0; i < rects.getLength(); i++) {
            Element e = (Element) rects.item(i);
            if ("bar".equals(e.getAttribute("class"))) {
                bars.add(e);
            }
        }
        assertEquals(4, bars.size());
        assertEquals("openai/gpt-4o", bars.get(0).getAttribute("data-key"));
        assertEquals("x/<b>&\"y\"", bars.get(2).getAttribute("data-key"));
        double full = Double.parseDouble(bars.get(0).getAttribute("width"));
        assertEquals(UsageChart.BAR_WIDTH, full, 1e-9);
        assertEquals(full / 2, Double.parseDouble(bars.get(1).getAttribute("width")), 0.01);
        assertEquals(full / 4, Double.parseDouble(bars.get(2).getAttribute("width")), 0.01);
        assertEquals(0, Double.parseDouble(bars.get(3).getAttribute("width")), 0.0);
        assertTrue(svg.contains("Cost by model &lt;April &amp; May&gt;"), svg);
    }
}
