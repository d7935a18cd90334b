package dev.llmrouter.camel;

import dev.llmrouter.camel.agent.ToolFilter;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The names-or-globs filter of mcpTools and of a server's tools. */
class McpToolFilterTest {

    @Test
    void globsMatchWholeNamesAndEverythingElseIsLiteral() {
        ToolFilter f = ToolFilter.parse(" orders_* , ping, crm.find?, a+b ");
        assertTrue(f.matches("orders_lookup"));
        assertTrue(f.matches("orders_"));
        assertTrue(f.matches("ping"));
        assertTrue(f.matches("crm.findX"));
        assertTrue(f.matches("a+b"));
        assertFalse(f.matches("my_orders_lookup"), "a glob matches the whole name");
        assertFalse(f.matches("pings"));
        assertFalse(f.matches("crmXfindX"), "a dot is a dot");
        assertFalse(f.matches("crm.find"), "? is exactly one character");
        assertFalse(f.matches("aab"), "+ is literal");
        assertFalse(f.matches("Orders_lookup"), "case-sensitive");
    }

    @Test
    void blankIsEverythingAndAndNeedsBoth() {
        assertSame(ToolFilter.ALL, ToolFilter.parse(null));
        assertSame(ToolFilter.ALL, ToolFilter.parse(" , "));
        assertTrue(ToolFilter.ALL.matches("anything"));

        ToolFilter both = ToolFilter.parse("orders_*").and(ToolFilter.parse("*_lookup,kb_*"));
        assertTrue(both.matches("orders_lookup"));
        assertFalse(both.matches("orders_refund"));
        assertFalse(both.matches("kb_search"));
        assertSame(both, both.and(ToolFilter.ALL));
    }
}
