package dev.llmrouter.camel.cost;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.error.UnknownModelPriceException;
import dev.llmrouter.camel.wire.ModelInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class PricingCatalogTest {

    static final String JSON = """
            {"data":[
             {"id":"anthropic/claude-haiku-4.5","context_length":200000,
              "pricing":{"prompt":"0.000001","completion":"0.000005","request":"0","image":"0.0016",
                         "web_search":"0.01","internal_reasoning":"0","input_cache_read":"0.0000001",
                         "input_cache_write":"0.00000125"}},
             {"id":"openai/gpt-4o-mini","context_length":128000,
              "pricing":{"prompt":"0.00000015","completion":"0.0000006"}},
             {"id":"meta-llama/llama-3.3-70b-instruct:free","pricing":{"prompt":"0","completion":"0"}},
             {"id":"openrouter/auto","pricing":{"prompt":"-1","completion":"-1"}}
            ]}""";

    static PricingCatalog catalog() {
        return PricingCatalog.fromJson(new ByteArrayInputStream(JSON.getBytes(StandardCharsets.UTF_8)));
    }

    public static void assertDecimal(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + " but was " + actual);
    }

    @Test
    void readsStringPricesExactly() {
        Price p = catalog().price("anthropic/claude-haiku-4.5").orElseThrow();
        assertDecimal("0.000001", p.prompt());
        assertDecimal("0.000005", p.completion());
        assertDecimal("0.0016", p.image());
        assertDecimal("0.01", p.webSearch());
        assertDecimal("0", p.internalReasoning());
        assertDecimal("0.0000001", p.cacheRead());
        assertDecimal("0.00000125", p.cacheWrite());
        assertEquals(200000, catalog().contextLength("anthropic/claude-haiku-4.5").getAsInt());
    }

    @Test
    void absentPricesDefaultConservatively() {
        Price p = catalog().price("openai/gpt-4o-mini").orElseThrow();
        assertDecimal("0", p.request());
        assertDecimal("0.0000006", p.internalReasoning());
        assertDecimal("0.00000015", p.cacheRead());
        assertDecimal("0.00000015", p.cacheWrite());
    }

    @Test
    void variantSuffixes() {
        PricingCatalog c = catalog();
        Price base = c.price("openai/gpt-4o-mini").orElseThrow();
        assertSame(base, c.price("openai/gpt-4o-mini:nitro").orElseThrow());
        assertSame(base, c.price("openai/gpt-4o-mini:floor").orElseThrow());
        assertSame(base, c.price("openai/gpt-4o-mini:online").orElseThrow());
        assertSame(base, c.price("openai/gpt-4o-mini:online:nitro").orElseThrow());
        assertEquals(Price.ZERO, c.price("openai/gpt-4o-mini:free").orElseThrow());
        assertEquals(128000, c.contextLength("openai/gpt-4o-mini:free").getAsInt());
        assertDecimal("0", c.price("meta-llama/llama-3.3-70b-instruct:free").orElseThrow().prompt());
        assertTrue(c.price("meta-llama/llama-3.3-70b-instruct").isEmpty(), "only the free variant is listed");
        assertTrue(c.price("openai/gpt-4o-mini:bogus").isEmpty());
        assertTrue(c.price("nobody/nothing:free").isEmpty());
        assertTrue(c.price(null).isEmpty());
        assertTrue(PricingCatalog.isOnline("openai/gpt-4o-mini:online"));
        assertTrue(PricingCatalog.isOnline("openai/gpt-4o-mini:online:free"));
        assertFalse(PricingCatalog.isOnline("openai/gpt-4o-mini:nitro"));
    }

    @Test
    void negativePricesMeanUnknown() {
        assertTrue(catalog().price("openrouter/auto").isEmpty());
        assertEquals(3, catalog().size());
    }

    @Test
    void unknownModelPolicy() {
        PricingCatalog c = catalog();
        UnknownModelPriceException e = assertThrows(UnknownModelPriceException.class,
                () -> c.priceOrElse("acme/secret-model", UnknownModelPolicy.REJECT, null));
        assertTrue(e.getMessage().contains("acme/secret-model"), e.getMessage());
        assertFalse(e.isRetryable());
        assertEquals("acme/secret-model", e.getModel());
        Price worst = Price.of("0.00001", "0.00003");
        assertSame(worst, c.priceOrElse("acme/secret-model", UnknownModelPolicy.WORST_CASE, worst));
    }

    @Test
    void programmaticAndFileCatalogs(@TempDir Path dir) throws Exception {
        PricingCatalog c = PricingCatalog.builder().add("a/b", "0.000002", "0.000004")
                .add("c/d", Price.ZERO, 4096).build();
        assertDecimal("0.000004", c.price("a/b").orElseThrow().completion());
        assertEquals(List.of("a/b", "c/d"), List.copyOf(c.models()));
        Path f = dir.resolve("models.json");
        Files.writeString(f, JSON);
        assertEquals(3, PricingCatalog.fromJson(f).size());
        assertThrows(IllegalArgumentException.class, () -> Price.of("-1", "0"));
    }

    static List<ModelInfo> models(String prompt) {
        return List.of(new ModelInfo("x/y", null, null, null, 1000,
                new ModelInfo.Pricing(new BigDecimal(prompt), BigDecimal.ONE, null, null, null, null, null, null),
                null, null, null));
    }

    public static final class MutableClock extends Clock {
        public Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void sourceRefreshesLazilyAndKeepsTheLastGoodCatalog() {
        MutableClock clock = new MutableClock();
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<String> next = new AtomicReference<>("1");
        CatalogSource src = CatalogSource.builder(() -> {
            calls.incrementAndGet();
            String p = next.get();
            if (p == null) {
                throw new IllegalStateException("catalog down");
            }
            return models(p);
        }).refreshInterval(Duration.ofMinutes(10)).retryDelay(Duration.ofMinutes(1)).clock(clock).build();

        assertDecimal("1", src.catalog().price("x/y").orElseThrow().prompt());
        next.set("2");
        clock.now = clock.now.plusSeconds(599);
        assertDecimal("1", src.catalog().price("x/y").orElseThrow().prompt());
        assertEquals(1, calls.get());
        clock.now = clock.now.plusSeconds(1);
        assertDecimal("2", src.catalog().price("x/y").orElseThrow().prompt());
        assertEquals(2, calls.get());

        next.set(null);
        clock.now = clock.now.plus(Duration.ofMinutes(10));
        assertDecimal("2", src.catalog().price("x/y").orElseThrow().prompt());
        assertEquals("catalog down", src.lastError().getMessage());
        assertEquals(3, calls.get());
        clock.now = clock.now.plusSeconds(30);
        src.catalog();
        assertEquals(3, calls.get(), "no retry before the retry delay");
        next.set("3");
        clock.now = clock.now.plusSeconds(30);
        assertDecimal("3", src.catalog().price("x/y").orElseThrow().prompt());
        assertNull(src.lastError());
    }

    @Test
    void firstLoadFailureThrowsUnlessAnInitialCatalogIsGiven() {
        CatalogSource failing = CatalogSource.of(() -> {
            throw new IllegalStateException("no network");
        }, Duration.ofMinutes(5));
        LlmRouterException e = assertThrows(LlmRouterException.class, failing::catalog);
        assertTrue(e.getMessage().contains("no network"), e.getMessage());

        PricingCatalog initial = PricingCatalog.builder().add("x/y", "5", "5").build();
        CatalogSource withInitial = CatalogSource.builder(() -> {
            throw new IllegalStateException("no network");
        }).initial(initial).build();
        assertSame(initial, withInitial.catalog());
    }

    @Test
    void asyncSourceServesTheOldCatalogWhileOneRefreshRuns() {
        MutableClock clock = new MutableClock();
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<CompletableFuture<List<ModelInfo>>> pending = new AtomicReference<>();
        CatalogSource src = CatalogSource.asyncBuilder(() -> {
            calls.incrementAndGet();
            CompletableFuture<List<ModelInfo>> f = new CompletableFuture<>();
            pending.set(f);
            return f;
        }).refreshInterval(Duration.ofMinutes(1)).clock(clock).initial(PricingCatalog.of(models("1"))).build();

        assertDecimal("1", src.catalog().price("x/y").orElseThrow().prompt());
        assertDecimal("1", src.catalog().price("x/y").orElseThrow().prompt());
        assertEquals(1, calls.get(), "at most one refresh at a time");
        pending.get().complete(models("7"));
        assertDecimal("7", src.catalog().price("x/y").orElseThrow().prompt());
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        src.catalog();
        pending.get().completeExceptionally(new IllegalStateException("boom"));
        assertDecimal("7", src.catalog().price("x/y").orElseThrow().prompt());
        assertEquals("boom", src.lastError().getMessage());
        assertEquals(2, calls.get());
    }
}
