package dev.llmrouter.camel.springboot;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.LlmRouterConfiguration;
import dev.llmrouter.camel.LlmRouterDialect;
import dev.llmrouter.camel.LlmRouterTarget;
import dev.llmrouter.camel.cost.budget.BudgetDefinition;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.StringHelper;
import org.springframework.beans.BeansException;
import org.springframework.context.ApplicationContext;

/** Applies {@link LlmRouterComponentConfiguration} to a component, and checks the result. */
final class LlmRouterPropertiesApplier {

    private static final String PREFIX = LlmRouterComponentConfiguration.PREFIX;

    private final ApplicationContext applicationContext;
    private final LlmRouterComponentConfiguration config;

    LlmRouterPropertiesApplier(ApplicationContext applicationContext, LlmRouterComponentConfiguration config) {
        this.applicationContext = applicationContext;
        this.config = config;
    }

    /** The property name of a component option, e.g. maxRetries -> camel.component.llmrouter.max-retries. */
    static String property(String option) {
        String name = LlmRouterComponentConfiguration.PROPERTY_NAMES.get(option);
        return PREFIX + "." + (name != null ? name : StringHelper.camelCaseToDash(option));
    }

    void apply(LlmRouterComponent component) {
        Map<String, String> refs = new LinkedHashMap<>(config.beanReferences());
        // the configuration object first: the flat options are set on it
        String configurationRef = refs.remove("configuration");
        if (configurationRef != null) {
            component.setConfiguration(bean("configuration", configurationRef, LlmRouterConfiguration.class).copy());
        }
        ServiceHelper.initService(component);
        PropertyConfigurer configurer = component.getComponentPropertyConfigurer();
        config.componentOptions().forEach((option, value) -> bind(component, configurer, option, value));
        checkLedgerChoice(refs);
        refs.forEach((option, ref) -> bind(component, configurer, option,
                bean(option, ref, LlmRouterComponentConfiguration.REFERENCE_TYPES.get(option))));
        dataSourceLedger(component, refs);
        targets(component);
        budgets(component);
        mcpServers(component);
        profiles(component);
    }

    private static void bind(LlmRouterComponent component, PropertyConfigurer configurer, String option, Object value) {
        boolean hit;
        try {
            hit = PropertyBindingSupport.build().withConfigurer(configurer).withIgnoreCase(true).withReflection(false)
                    .bind(component.getCamelContext(), component, option, value);
        } catch (Exception e) {
            throw new LlmRouterPropertyException(property(option), messageOf(e), causeOf(e));
        }
        if (!hit) {
            throw new LlmRouterPropertyException(property(option), "the llmrouter component has no option " + option,
                    null);
        }
    }

    private <T> T bean(String option, String ref, Class<T> type) {
        String name = ref.startsWith("#bean:") ? ref.substring(6) : ref.startsWith("#") ? ref.substring(1) : ref;
        try {
            return applicationContext.getBean(name.trim(), type);
        } catch (BeansException e) {
            throw new LlmRouterPropertyException(property(option), "no bean named '" + name.trim() + "' of type "
                                                                   + type.getName() + " in the application context ("
                                                                   + e.getMessage() + ")", null);
        }
    }

    /** use-data-source-ledger: the application's one (or primary) DataSource keeps the budgets. */
    private void checkLedgerChoice(Map<String, String> refs) {
        boolean useDataSource = Boolean.TRUE.equals(config.getUseDataSourceLedger());
        if (refs.containsKey("budgetLedger") && (useDataSource || refs.containsKey("ledgerDataSource"))) {
            throw new LlmRouterPropertyException(property("budgetLedger"), "set either budget-ledger or a DataSource"
                                                                           + " for the JDBC ledger (ledger-data-source,"
                                                                           + " use-data-source-ledger), not both",
                    null);
        }
    }

    private void dataSourceLedger(LlmRouterComponent component, Map<String, String> refs) {
        boolean useDataSource = Boolean.TRUE.equals(config.getUseDataSourceLedger());
        if (!useDataSource || refs.containsKey("ledgerDataSource")) {
            return;
        }
        DataSource ds = applicationContext.getBeanProvider(DataSource.class).getIfUnique();
        if (ds == null) {
            String[] names = applicationContext.getBeanNamesForType(DataSource.class);
            throw new LlmRouterPropertyException(PREFIX + ".use-data-source-ledger",
                    names.length == 0 ? "true, but there is no DataSource bean"
                            : "true, but there are several DataSource beans " + List.of(names)
                              + " and none is primary: name one with " + PREFIX + ".ledger-data-source",
                    null);
        }
        component.setLedgerDataSource(ds);
    }

    private void targets(LlmRouterComponent component) {
        config.getTargetDefinitions().forEach((name, t) -> {
            String prop = PREFIX + ".target-definitions." + name;
            if (t == null) {
                throw new LlmRouterPropertyException(prop, "empty target definition", null);
            }
            checkUrl(prop + ".base-url", t.getBaseUrl());
            LlmRouterTarget target = new LlmRouterTarget();
            target.setBaseUrl(t.getBaseUrl().trim());
            target.setApiKey(t.getApiKey());
            target.setDialect(dialect(component, prop + ".dialect", t.getDialect()));
            target.setModel(t.getModel());
            target.setModels(t.getModels());
            target.setRequestTimeout(millis(prop + ".request-timeout", t.getRequestTimeout()));
            target.setConnectTimeout(millis(prop + ".connect-timeout", t.getConnectTimeout()));
            component.addTarget(name, target);
        });
    }

    /** A target's dialect text read by the component's converter, as option dialect is; null when not set. */
    private static LlmRouterDialect dialect(LlmRouterComponent component, String prop, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return component.getCamelContext().getTypeConverter().mandatoryConvertTo(LlmRouterDialect.class, text);
        } catch (Exception e) {
            throw new LlmRouterPropertyException(prop, messageOf(e), e);
        }
    }

    private static void checkUrl(String prop, String url) {
        URI uri = null;
        try {
            uri = url == null ? null : URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (uri == null || uri.getHost() == null
            || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new LlmRouterPropertyException(prop, url == null ? "required: the server's API root URL"
                    : "'" + url + "' is not an absolute http(s) URL", null);
        }
    }

    private static Long millis(String prop, Duration d) {
        if (d == null) {
            return null;
        }
        if (d.isNegative() || d.isZero()) {
            throw new LlmRouterPropertyException(prop, "must be more than 0 but was " + d, null);
        }
        return d.toMillis();
    }

    private void budgets(LlmRouterComponent component) {
        config.getBudgets().forEach((name, b) -> {
            String prop = PREFIX + ".budgets." + name;
            if (b == null) {
                throw new LlmRouterPropertyException(prop, "empty budget definition", null);
            }
            try {
                BudgetDefinition.parse(name, b.getAmount() == null ? null : b.getAmount().toPlainString(),
                        b.getPeriod(), b.getZone()).withRateLimits(b.getRpm(), b.getTpm());
            } catch (IllegalArgumentException e) {
                String m = e.getMessage();
                String field = m.contains(": amount") ? ".amount" : m.contains(": period") ? ".period"
                        : m.contains(": zone") ? ".zone" : m.contains(": rpm") ? ".rpm" : m.contains(": tpm") ? ".tpm"
                        : "";
                throw new LlmRouterPropertyException(prop + field, m, e);
            }
            String scope = b.getScope() == null ? "" : b.getScope().trim();
            if (!scope.isEmpty() && !scope.contains("${") && !scope.contains("$simple{")
                && !java.util.List.of("global", "route", "endpoint", "header").contains(scope.toLowerCase(java.util.Locale.ROOT))) {
                throw new LlmRouterPropertyException(prop + ".scope", "budget '" + name + "': scope must be global,"
                        + " route, endpoint, header or a simple expression such as $simple{header.tenant} but was '" + scope
                        + "'", null);
            }
            component.addBudget(name, b);
        });
    }

    private void mcpServers(LlmRouterComponent component) {
        config.getMcpServerDefinitions().forEach((name, server) -> {
            String prop = PREFIX + ".mcp-server-definitions." + name;
            if (server == null) {
                throw new LlmRouterPropertyException(prop, "empty MCP server definition", null);
            }
            boolean url = server.getUrl() != null && !server.getUrl().isBlank();
            boolean command = server.getCommand() != null && !server.getCommand().isBlank();
            if (url == command) {
                throw new LlmRouterPropertyException(prop, "MCP server '" + name + "': set " + (url
                        ? "either url or command, not both" : "url (streamable HTTP) or command (stdio)"), null);
            }
            if (url) {
                checkUrl(prop + ".url", server.getUrl());
            }
            if (server.getTimeout() != null && server.getTimeout() <= 0) {
                throw new LlmRouterPropertyException(prop + ".timeout", "must be more than 0 but was "
                        + server.getTimeout(), null);
            }
            component.addMcpServer(name, server);
        });
    }

    private void profiles(LlmRouterComponent component) {
        config.getProfiles().forEach((name, options) -> {
            component.addProfile(name, normalize(options == null ? Map.of() : options));
        });
    }

    /** Profile keys as endpoint option names: max-retries -> maxRetries; metadata.some-key keeps its key. */
    static Map<String, String> normalize(Map<String, String> options) {
        Map<String, String> out = new LinkedHashMap<>();
        options.forEach((key, value) -> out.put(optionName(key), value));
        return out;
    }

    static String optionName(String key) {
        int dot = key.indexOf('.');
        String head = dot < 0 ? key : key.substring(0, dot);
        String tail = dot < 0 ? "" : key.substring(dot);
        return StringHelper.dashToCamelCase(head) + tail;
    }

    /**
     * Checks what endpoints will get: an endpoint llmrouter:chat with the component's defaults, and one per profile
     * (created, never started nor registered). A failure becomes an {@link LlmRouterPropertyException} naming the
     * property the message names.
     */
    static void validate(LlmRouterComponent component, LlmRouterComponentConfiguration config) {
        try {
            component.createEndpoint("llmrouter:chat");
        } catch (Exception e) {
            throw mapped(e, PREFIX, Map.of());
        }
        Map<String, Map<String, String>> profiles = config.getProfiles();
        for (Map.Entry<String, Map<String, String>> p : profiles.entrySet()) {
            Map<String, String> keys = new LinkedHashMap<>();
            if (p.getValue() != null) {
                p.getValue().keySet().forEach(k -> keys.put(optionName(k), k));
            }
            try {
                component.createEndpoint("llmrouter:chat?profile=" + p.getKey());
            } catch (Exception e) {
                throw mapped(e, PREFIX + ".profiles." + p.getKey(), keys);
            }
        }
    }

    /** The exception for a failed check, naming the profile key or the component property its message names. */
    private static LlmRouterPropertyException mapped(Exception e, String where, Map<String, String> profileKeys) {
        LlmRouterPropertyException own = find(e);
        if (own != null) {
            return own;
        }
        String message = messageOf(e);
        // when a secret had to be masked, the original exception (whose message shows it) is not kept as the cause
        Throwable cause = causeOf(e);
        List<String> candidates = new ArrayList<>(profileKeys.keySet());
        candidates.addAll(LlmRouterComponentConfiguration.PROPERTY_NAMES.keySet());
        for (String option : candidates) {
            if (Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(option) + "(?![A-Za-z0-9])").matcher(message).find()) {
                String property = profileKeys.containsKey(option) ? where + "." + profileKeys.get(option)
                        : property(option);
                return new LlmRouterPropertyException(property, message, cause);
            }
        }
        return new LlmRouterPropertyException(where, message, cause);
    }

    /** An {@link LlmRouterPropertyException} in the cause chain, or null. */
    static LlmRouterPropertyException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LlmRouterPropertyException p) {
                return p;
            }
        }
        return null;
    }

    /** The innermost message of the cause chain (the component's own, which names the option). */
    /** The exception to keep as the cause: none when its message shows a secret that had to be masked. */
    private static Throwable causeOf(Throwable e) {
        String raw = rawMessageOf(e);
        return maskSecrets(raw).equals(raw) ? e : null;
    }

    static String messageOf(Throwable e) {
        return maskSecrets(rawMessageOf(e));
    }

    private static String rawMessageOf(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message == null ? e.getClass().getName() : message.toLowerCase(Locale.ROOT).equals("null")
                ? e.getClass().getName() : message;
    }

    private static final Pattern SECRET_VALUE = Pattern.compile(
            "(?i)([A-Za-z0-9_.-]*(?:key|secret|password|passphrase|token|credential)[A-Za-z0-9_.-]*)=([^,}\\]\\s&]+)");

    /**
     * Masks the values of secret-looking names in a message: Camel reports unknown parameters with their raw
     * values, and a mistyped key option (e.g. {@code api_key}) must not print the key at startup.
     */
    static String maskSecrets(String text) {
        return SECRET_VALUE.matcher(text).replaceAll("$1=xxxxxx");
    }
}
