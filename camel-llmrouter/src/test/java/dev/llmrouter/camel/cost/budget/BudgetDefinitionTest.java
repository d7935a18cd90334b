package dev.llmrouter.camel.cost.budget;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import dev.llmrouter.camel.error.BudgetExceededException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BudgetDefinitionTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    // Sunday 2026-03-29 01:30 UTC = 03:30 CEST (the night summer time starts in Berlin)
    static final Instant T = Instant.parse("2026-03-29T01:30:00Z");

    @Test
    void windowStartsInTheZone() {
        assertEquals(Instant.EPOCH, BudgetPeriod.NONE.windowStart(T, BERLIN));
        assertEquals(Instant.parse("2026-03-29T01:00:00Z"), BudgetPeriod.HOURLY.windowStart(T, BERLIN));
        assertEquals(Instant.parse("2026-03-28T23:00:00Z"), BudgetPeriod.DAILY.windowStart(T, BERLIN));
        assertEquals(Instant.parse("2026-03-22T23:00:00Z"), BudgetPeriod.WEEKLY.windowStart(T, BERLIN),
                "week starts Monday 23 March 00:00 CET");
        assertEquals(Instant.parse("2026-02-28T23:00:00Z"), BudgetPeriod.MONTHLY.windowStart(T, BERLIN));
        assertEquals(Instant.parse("2026-03-29T00:00:00Z"), BudgetPeriod.DAILY.windowStart(T, ZoneOffset.UTC));
        assertEquals(Instant.parse("2026-03-23T00:00:00Z"), BudgetPeriod.WEEKLY.windowStart(T, ZoneOffset.UTC));
        Instant monday = Instant.parse("2026-03-23T00:00:00Z");
        assertEquals(monday, BudgetPeriod.WEEKLY.windowStart(monday, ZoneOffset.UTC));
    }

    @Test
    void windowEnds() {
        assertEquals(Instant.parse("2026-03-29T22:00:00Z"), BudgetPeriod.DAILY.windowEnd(T, BERLIN),
                "the day of the DST switch has 23 hours");
        assertEquals(Instant.parse("2026-03-31T22:00:00Z"), BudgetPeriod.MONTHLY.windowEnd(T, BERLIN));
        assertEquals(Instant.parse("2026-03-29T02:00:00Z"), BudgetPeriod.HOURLY.windowEnd(T, BERLIN));
        assertEquals(Instant.MAX, BudgetPeriod.NONE.windowEnd(T, BERLIN));
    }

    @Test
    void validationNamesTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BudgetDefinition.of("bad name", BigDecimal.ONE, BudgetPeriod.DAILY)).getMessage()
                .contains("budget name"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BudgetDefinition.of("b", new BigDecimal("-1"), BudgetPeriod.DAILY)).getMessage()
                .contains("amount"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BudgetDefinition.of("b", BigDecimal.ONE, null)).getMessage().contains("period"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new BudgetDefinition("b", BigDecimal.ONE, BudgetPeriod.DAILY, null)).getMessage()
                .contains("zone"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BudgetDefinition.parse("b", "ten", "daily", null)).getMessage().contains("amount"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BudgetDefinition.parse("b", "10", "fortnightly", null)).getMessage().contains("period"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BudgetDefinition.parse("b", "10", "daily", "Mars/Base")).getMessage().contains("zone"));
        BudgetDefinition d = BudgetDefinition.parse("team-a", " 25.50 ", "Weekly", "Europe/Berlin");
        assertEquals(0, new BigDecimal("25.5").compareTo(d.amount()));
        assertEquals(BudgetPeriod.WEEKLY, d.period());
        assertEquals(BERLIN, d.zone());
    }

    @Test
    void guardThrowsBudgetExceeded() {
        BudgetGuard guard = new BudgetGuard(new InMemoryLedger(), Clock.fixed(T, ZoneOffset.UTC));
        BudgetDefinition daily = BudgetDefinition.of("daily", new BigDecimal("1.00"), BudgetPeriod.DAILY);
        Reservation r = guard.reserve(daily, "tenant-1", new BigDecimal("0.70"));
        assertTrue(r.isGranted());
        assertEquals(Instant.parse("2026-03-29T00:00:00Z"), r.windowStart());
        BudgetExceededException e = assertThrows(BudgetExceededException.class,
                () -> guard.reserve(daily, "tenant-1", new BigDecimal("0.5")));
        assertTrue(e.getMessage().contains("'daily'"), e.getMessage());
        assertTrue(e.getMessage().contains("'tenant-1'"), e.getMessage());
        assertTrue(e.getMessage().contains("$0.30 remaining"), e.getMessage());
        assertTrue(e.getMessage().contains("$0.50"), e.getMessage());
        assertEquals(0, new BigDecimal("0.3").compareTo(e.getRemaining()));
        assertFalse(e.isRetryable());
        assertTrue(guard.reserve(daily, "tenant-2", new BigDecimal("0.5")).isGranted(), "scopes are separate");
        assertEquals(0, new BigDecimal("0.3").compareTo(guard.remaining(daily, "tenant-1")));
    }
}
