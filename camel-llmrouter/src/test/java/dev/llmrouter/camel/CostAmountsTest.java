package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.llmrouter.camel.cost.budget.BudgetDefinition;
import dev.llmrouter.camel.cost.budget.LedgerRow;
import dev.llmrouter.camel.error.BudgetExceededException;
import dev.llmrouter.camel.error.CostCeilingExceededException;
import dev.llmrouter.camel.error.UnknownModelPriceException;
import dev.llmrouter.camel.usage.UsageCsv;
import dev.llmrouter.camel.usage.UsageRecord;
import org.apache.camel.Exchange;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.junit.jupiter.api.Test;

import static dev.llmrouter.camel.CostGovernanceFixtures.MINI;
import static dev.llmrouter.camel.CostGovernanceFixtures.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Amounts and names as users write them: plain amounts without the ledger's trailing zeros in headers, the dev
 * console, ledger rows, the usage log and exception messages; option values in lower case in errors.
 */
class CostAmountsTest extends EmulatorTestSupport {

    /** The ledger keeps 12 decimals: 0.0000737 is booked as 0.000073700000, nothing as 0E-12. */
    private static final BigDecimal BOOKED = new BigDecimal("0.000073700000");
    private static final BigDecimal NOTHING = new BigDecimal("0E-12");

    @Test
    void costHeadersAreStripped() {
        useHarness(c -> c.addBudget("team", new LlmRouterBudget(new BigDecimal("1"), "none")), null,
                EMULATOR.baseUrl());
        Exchange ex = camel.send(camel.chat("model=" + MINI + "&maxTokens=100&budget=team"), PROMPT);

        assertNull(ex.getException());
        for (String header : List.of(LlmRouterConstants.BUDGET_REMAINING, LlmRouterConstants.ESTIMATED_COST)) {
            BigDecimal v = ex.getMessage().getHeader(header, BigDecimal.class);
            assertEquals(v.stripTrailingZeros().scale(), v.scale(), header + " = " + v);
            assertEquals(v.toPlainString(), v.toString(), header + " prints plain: " + v);
        }
        // what the budget still holds: 1 minus the cost as OpenRouter sent it
        BigDecimal cost = ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
        assertEquals(BigDecimal.ONE.subtract(cost).stripTrailingZeros().toPlainString(),
                ex.getMessage().getHeader(LlmRouterConstants.BUDGET_REMAINING, BigDecimal.class).toString());
    }

    @Test
    void theDevConsoleJsonShowsPlainAmounts() {
        useHarness(c -> c.addBudget("team", new LlmRouterBudget(new BigDecimal("2.50"), "none")), null,
                EMULATOR.baseUrl());
        var reservation = camel.component.ledger().reserve("team", "", Instant.EPOCH, new BigDecimal("2.50"),
                new BigDecimal("0.5"));
        camel.component.ledger().settle(reservation, new BigDecimal("0.0000737"));

        DevConsole console = camel.context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class)
                .resolveById("llmrouter");
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) console.call(DevConsole.MediaType.JSON);
        Map<?, ?> c = (Map<?, ?>) ((List<?>) json.get("components")).get(0);
        Map<?, ?> team = (Map<?, ?>) ((List<?>) c.get("budgets")).get(0);
        assertEquals("0.0000737", team.get("spent").toString());
        assertEquals("0", team.get("reserved").toString());
        assertEquals("2.4999263", team.get("remaining").toString());
        assertEquals("2.5", team.get("amount").toString());
        String text = (String) console.call(DevConsole.MediaType.TEXT);
        assertTrue(text.contains("spent $0.0000737, reserved $0 of $2.5, remaining $2.4999263"), text);
    }

    @Test
    void ledgerRowsPrintPlain() {
        LedgerRow row = new LedgerRow("team", "tenant-a", Instant.EPOCH, BOOKED, NOTHING);

        assertEquals("LedgerRow[budget=team, scopeKey=tenant-a, windowStart=1970-01-01T00:00:00Z, spent=0.0000737,"
                     + " reserved=0]", row.toString());
        // what a JSON writer prints for them (Jackson and Camel's JSON write BigDecimal.toString())
        assertEquals("0.0000737", row.spent().toString());
        assertEquals("0", row.reserved().toString());
        assertEquals(0, BOOKED.compareTo(row.spent()), "the value is unchanged");
    }

    @Test
    void theUsageLogWritesPlainCosts() {
        UsageRecord r = new UsageRecord(Instant.EPOCH, "route", "llmrouter://chat", MINI, null, null, 10, 5, null,
                null, BOOKED, "gen-1", "tenant-a", false, "ok");
        assertEquals("1970-01-01T00:00:00Z,route,llmrouter://chat,openai/gpt-4o-mini,,,10,5,,,0.0000737,gen-1,"
                     + "tenant-a,false,ok,\r\n", UsageCsv.line(r),
                "budget_levels, the last column, is empty without levels");
        UsageRecord zero = new UsageRecord(Instant.EPOCH, null, null, null, null, null, null, null, null, null,
                NOTHING, null, null, true, "ok");
        assertTrue(UsageCsv.line(zero).contains(",0,,,true,ok"), UsageCsv.line(zero));
    }

    @Test
    void exceptionsShowPlainAmounts() {
        BudgetExceededException budget = new BudgetExceededException("team", "", NOTHING, BOOKED);
        assertEquals("Budget 'team' (scope '') has $0.00 remaining, less than the $0.0000737 this request may cost;"
                     + " nothing was sent", budget.getMessage());
        assertEquals("0", budget.getMetadata().get("remaining"));
        assertEquals("0.0000737", budget.getMetadata().get("requested"));
        CostCeilingExceededException ceiling = new CostCeilingExceededException(MINI, BOOKED,
                new BigDecimal("0.000010000000"));
        assertEquals("0.0000737", ceiling.getMetadata().get("estimate"));
        assertEquals("0.00001", ceiling.getMetadata().get("ceiling"));
    }

    @Test
    void optionValuesInErrorsAreTheOnesUsersType() {
        IllegalArgumentException period = assertThrows(IllegalArgumentException.class,
                () -> BudgetDefinition.parse("team", "1", "yearly", null));
        assertEquals("budget 'team': period must be one of none, hourly, daily, weekly, monthly but was 'yearly'",
                period.getMessage());
        assertTrue(new UnknownModelPriceException("x/y").getMessage().contains("(unknownModelPolicy=reject)"));
        Exception policy = assertThrows(Exception.class,
                () -> camel.context.getEndpoint(camel.chat("model=" + MINI + "&unknownModelPolicy=REJECTED")));
        Throwable root = policy;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertInstanceOf(IllegalArgumentException.class, root);
        assertEquals("Invalid value 'REJECTED' for unknownModelPolicy: expected reject or worstCase",
                root.getMessage());
    }
}
