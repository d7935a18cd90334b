package dev.llmrouter.camel.springboot;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmrouter.camel.LlmRouterBreakerScope;
import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.LlmRouterConfiguration;
import dev.llmrouter.camel.LlmRouterDialect;
import dev.llmrouter.camel.LlmRouterEndpoint;
import dev.llmrouter.camel.LlmRouterHeaderPolicy;
import dev.llmrouter.camel.LlmRouterLedgerFailure;
import dev.llmrouter.camel.LlmRouterResponseMode;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Invalid properties fail the application's start with a message naming the property; the DataSource of the JDBC
 * ledger only when asked for. Each test starts its own application without src/test/resources/application.yaml.
 */
class LlmRouterStarterValidationTest {

    private static ConfigurableApplicationContext start(Class<?>[] sources, String... properties) {
        List<String> all = new ArrayList<>(List.of("spring.config.name=llmrouter-validation-test",
                "camel.component.llmrouter.api-key=test-key", "camel.springboot.main-run-controller=false"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(sources).web(WebApplicationType.NONE)
                .properties(all.toArray(String[]::new)).run();
    }

    private static ConfigurableApplicationContext start(String... properties) {
        return start(new Class<?>[] { LlmRouterStarterTestApp.class }, properties);
    }

    /** The messages of the exception and its causes, one per line. */
    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }

    private static String failure(String... properties) {
        Exception e = assertThrows(Exception.class, () -> start(properties).close());
        return messages(e);
    }

    @Test
    void aMistypedKeyOptionInAProfileNeverPrintsTheKey() {
        String m = failure("camel.component.llmrouter.profiles.cheap.api_key=sk-or-v1-secret-4711");
        assertThat(m).contains("camel.component.llmrouter.profiles.cheap").doesNotContain("sk-or-v1-secret-4711");
    }

    @Test
    void aMisspelledKeyFailsTheApplicationsStartNamingTheClosestProperty() {
        String m = failure("camel.component.llmrouter.fallback-model=anthropic/claude-haiku-4.5");
        assertThat(m).contains("LlmRouterUnknownPropertyException: Invalid property"
                               + " camel.component.llmrouter.fallback-model: the llmrouter component has no such property;"
                               + " did you mean camel.component.llmrouter.fallback-models?");
    }

    @Test
    void negativeMaxRetriesNamesTheProperty() {
        String m = failure("camel.component.llmrouter.max-retries=-1");
        assertThat(m).contains("Invalid property camel.component.llmrouter.max-retries")
                .contains("must be 0 or more");
    }

    @Test
    void unknownDialectNamesTheProperty() {
        String m = failure("camel.component.llmrouter.dialect=grpc");
        assertThat(m).contains("Invalid property camel.component.llmrouter.dialect")
                .contains("expected openrouter or openai");
    }

    @Test
    void unknownTargetDialectNamesTheProperty() {
        String m = failure("camel.component.llmrouter.target-definitions.local.base-url=http://127.0.0.1:8000/v1",
                "camel.component.llmrouter.target-definitions.local.dialect=grpc");
        assertThat(m).contains("Invalid property camel.component.llmrouter.target-definitions.local.dialect");
    }

    @Test
    void targetWithoutBaseUrlNamesTheProperty() {
        String m = failure("camel.component.llmrouter.target-definitions.local.dialect=openai");
        assertThat(m).contains("Invalid property camel.component.llmrouter.target-definitions.local.base-url");
    }

    @Test
    void badBudgetPeriodNamesTheProperty() {
        String m = failure("camel.component.llmrouter.budgets.daily.amount=5",
                "camel.component.llmrouter.budgets.daily.period=fortnightly");
        assertThat(m).contains("Invalid property camel.component.llmrouter.budgets.daily.period");
    }

    @Test
    void budgetRateLimitsBindAndAZeroRpmNamesTheProperty() {
        try (ConfigurableApplicationContext ctx = start("camel.component.llmrouter.budgets.daily.amount=5",
                "camel.component.llmrouter.budgets.daily.rpm=10", "camel.component.llmrouter.budgets.daily.tpm=2000")) {
            dev.llmrouter.camel.LlmRouterBudget b = ctx.getBean(org.apache.camel.CamelContext.class)
                    .getComponent("llmrouter", dev.llmrouter.camel.LlmRouterComponent.class).getBudgets().get("daily");
            assertThat(b.getRpm()).isEqualTo(10L);
            assertThat(b.getTpm()).isEqualTo(2000L);
        }
        String m = failure("camel.component.llmrouter.budgets.daily.amount=5",
                "camel.component.llmrouter.budgets.daily.rpm=0");
        assertThat(m).contains("Invalid property camel.component.llmrouter.budgets.daily.rpm")
                .contains("rpm must be 1 or more requests per minute but was 0");
    }

    @Test
    void mcpServerDefinitionsBindAndABadOneNamesTheProperty() {
        String p = "camel.component.llmrouter.mcp-server-definitions.";
        try (ConfigurableApplicationContext ctx = start(p + "orders.url=http://127.0.0.1:1/mcp",
                p + "orders.headers.Authorization=Bearer starter-token", p + "orders.tools=orders_*",
                p + "orders.timeout=2500", p + "files.command=npx", p + "files.args=-y,server-filesystem,/srv/kb",
                p + "files.env.LOG_LEVEL=warn", p + "files.optional=true")) {
            Map<String, dev.llmrouter.camel.LlmRouterMcpServer> servers = ctx.getBean(CamelContext.class)
                    .getComponent("llmrouter", LlmRouterComponent.class).getMcpServerDefinitions();
            assertThat(servers.keySet()).containsExactly("orders", "files");
            assertThat(servers.get("orders").getUrl()).isEqualTo("http://127.0.0.1:1/mcp");
            assertThat(servers.get("orders").getHeaders()).containsEntry("Authorization", "Bearer starter-token");
            assertThat(servers.get("orders").getTools()).isEqualTo("orders_*");
            assertThat(servers.get("orders").getTimeout()).isEqualTo(2500L);
            assertThat(servers.get("files").getArgs()).containsExactly("-y", "server-filesystem", "/srv/kb");
            assertThat(servers.get("files").getEnv()).containsEntry("LOG_LEVEL", "warn");
            assertThat(servers.get("files").isOptional()).isTrue();
        }
        assertThat(failure(p + "both.url=http://127.0.0.1:1/mcp", p + "both.command=npx"))
                .contains("Invalid property camel.component.llmrouter.mcp-server-definitions.both")
                .contains("MCP server 'both': set either url or command, not both");
        assertThat(failure(p + "web.url=ftp://127.0.0.1/mcp"))
                .contains("Invalid property camel.component.llmrouter.mcp-server-definitions.web.url");
        assertThat(failure(p + "orders.uri=http://127.0.0.1:1/mcp"))
                .contains("camel.component.llmrouter.mcp-server-definitions.orders.uri");
    }

    @Test
    void aBudgetScopeBindsAndABadOneNamesTheProperty() {
        try (ConfigurableApplicationContext ctx = start("camel.component.llmrouter.budgets.tenant.amount=5",
                "camel.component.llmrouter.budgets.tenant.scope=$simple{header.tenant}")) {
            dev.llmrouter.camel.LlmRouterBudget b = ctx.getBean(org.apache.camel.CamelContext.class)
                    .getComponent("llmrouter", dev.llmrouter.camel.LlmRouterComponent.class).getBudgets().get("tenant");
            assertThat(b.getScope()).isEqualTo("$simple{header.tenant}");
        }
        String m = failure("camel.component.llmrouter.budgets.tenant.amount=5",
                "camel.component.llmrouter.budgets.tenant.scope=customer");
        assertThat(m).contains("Invalid property camel.component.llmrouter.budgets.tenant.scope")
                .contains("'customer'");
    }

    @Test
    void enumTypedOptionsBindFromTheirTextIgnoringCaseAndDashes() {
        try (ConfigurableApplicationContext ctx = start("camel.component.llmrouter.ledger-failure=fail-open",
                "camel.component.llmrouter.response-mode=FULL", "camel.component.llmrouter.breaker-scope=target",
                "camel.component.llmrouter.profiles.wide.header-policy=override")) {
            LlmRouterComponent c = ctx.getBean(CamelContext.class).getComponent("llmrouter", LlmRouterComponent.class);
            LlmRouterConfiguration conf = c.getConfiguration();
            assertThat(conf.getLedgerFailure()).isEqualTo(LlmRouterLedgerFailure.failOpen);
            assertThat(conf.getResponseMode()).isEqualTo(LlmRouterResponseMode.full);
            assertThat(conf.getBreakerScope()).isEqualTo(LlmRouterBreakerScope.target);
            // not set: the option's default constant
            assertThat(conf.getDialect()).isEqualTo(LlmRouterDialect.openrouter);
            LlmRouterEndpoint wide = ctx.getBean(CamelContext.class).getEndpoint("llmrouter:chat?profile=wide",
                    LlmRouterEndpoint.class);
            assertThat(wide.getConfiguration().getHeaderPolicy()).isEqualTo(LlmRouterHeaderPolicy.override);
        }
    }

    @Test
    void badEnumValueNamesThePropertyAndTheAllowedValues() {
        String m = failure("camel.component.llmrouter.ledger-failure=open");
        assertThat(m).contains("Invalid property camel.component.llmrouter.ledger-failure")
                .contains("Invalid value 'open' for ledgerFailure: expected failClosed or failOpen");
        String p = failure("camel.component.llmrouter.profiles.cheap.stream-recovery=sometimes");
        assertThat(p).contains("Invalid property camel.component.llmrouter.profiles.cheap.stream-recovery")
                .contains("Invalid value 'sometimes' for streamRecovery: expected fail, restart or continue");
    }

    @Test
    void theIdeMetadataListsTheValuesOfEnumTypedProperties() throws Exception {
        JsonNode hints;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            hints = new ObjectMapper().readTree(in).get("hints");
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        hints.forEach(h -> {
            List<String> v = new ArrayList<>();
            h.get("values").forEach(x -> v.add(x.get("value").asText()));
            values.put(h.get("name").asText(), v);
        });
        assertThat(values.get("camel.component.llmrouter.ledger-failure")).containsExactly("failClosed", "failOpen");
        assertThat(values.get("camel.component.llmrouter.stream-recovery")).containsExactly("fail", "restart", "continue");
        assertThat(values.get("camel.component.llmrouter.sort")).containsExactly("price", "throughput", "latency", "exacto");
    }

    @Test
    void invalidProfileOptionNamesTheProfileProperty() {
        String m = failure("camel.component.llmrouter.profiles.cheap.model=openai/gpt-4o-mini",
                "camel.component.llmrouter.profiles.cheap.max-retries=-1");
        assertThat(m).contains("Invalid property camel.component.llmrouter.profiles.cheap.max-retries");
    }

    @Test
    void unknownProfileOptionNamesTheProfileProperty() {
        String m = failure("camel.component.llmrouter.profiles.cheap.no-such-option=1");
        assertThat(m).contains("Invalid property camel.component.llmrouter.profiles.cheap.no-such-option");
    }

    @Test
    void valueOfTheWrongTypeIsReportedBySpringWithTheProperty() {
        String m = failure("camel.component.llmrouter.max-retries=many");
        assertThat(m).contains("camel.component.llmrouter.max-retries");
    }

    @Test
    void missingDataSourceBeanNamesTheProperty() {
        String m = failure("camel.component.llmrouter.ledger-data-source=#noSuchDataSource");
        assertThat(m).contains("Invalid property camel.component.llmrouter.ledger-data-source")
                .contains("noSuchDataSource");
    }

    @Test
    void validationCanBeTurnedOff() {
        try (ConfigurableApplicationContext ctx = start("camel.component.llmrouter.max-retries=-1",
                "camel.component.llmrouter.validate-on-startup=false")) {
            assertThat(ctx.getBean(CamelContext.class).getComponentNames()).doesNotContain("llmrouter");
        }
    }

    @Test
    void applicationDataSourceIsNotUsedWithoutOptIn() {
        try (ConfigurableApplicationContext ctx = start()) {
            assertThat(ctx.getBeanNamesForType(DataSource.class)).isNotEmpty();
            LlmRouterComponent c = ctx.getBean(CamelContext.class).getComponent("llmrouter", LlmRouterComponent.class);
            assertThat(c.getLedgerDataSource()).isNull();
        }
    }

    @Test
    void useDataSourceLedgerTakesTheApplicationDataSource() {
        try (ConfigurableApplicationContext ctx = start("camel.component.llmrouter.use-data-source-ledger=true")) {
            LlmRouterComponent c = ctx.getBean(CamelContext.class).getComponent("llmrouter", LlmRouterComponent.class);
            assertThat(c.getLedgerDataSource()).isSameAs(ctx.getBean(DataSource.class));
        }
    }

    @Test
    void ledgerDataSourceNamesABean() {
        try (ConfigurableApplicationContext ctx = start(
                new Class<?>[] { LlmRouterStarterTestApp.class, LedgerDataSource.class },
                "camel.component.llmrouter.ledger-data-source=budgetDataSource")) {
            LlmRouterComponent c = ctx.getBean(CamelContext.class).getComponent("llmrouter", LlmRouterComponent.class);
            assertThat(c.getLedgerDataSource()).isSameAs(ctx.getBean("budgetDataSource"));
        }
    }

    @Test
    void budgetLedgerAndDataSourceLedgerTogetherFail() {
        String m = failure("camel.component.llmrouter.use-data-source-ledger=true",
                "camel.component.llmrouter.budget-ledger=someLedger");
        assertThat(m).contains("Invalid property camel.component.llmrouter.budget-ledger").contains("not both");
    }

    @Configuration(proxyBeanMethods = false)
    static class LedgerDataSource {
        @Bean
        DataSource budgetDataSource() {
            return new DriverManagerDataSource("jdbc:h2:mem:budgets;DB_CLOSE_DELAY=-1");
        }
    }
}
