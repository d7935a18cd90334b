package dev.llmrouter.camel.support;

import java.net.URI;

import dev.llmrouter.camel.LlmRouterBudgetHealthCheck;
import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.LlmRouterCreditHealthCheck;
import dev.llmrouter.camel.LlmRouterDialect;
import dev.llmrouter.camel.LlmRouterEndpoint;
import dev.llmrouter.camel.observability.BudgetLevelBoard;
import dev.llmrouter.camel.observability.BudgetLevelGauges;
import dev.llmrouter.camel.usage.CallObserver;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a component adds for operations when it starts, and removes when it stops: the Micrometer meters (when
 * Micrometer is on the classpath, a MeterRegistry is in the registry and metricsEnabled), among them the budget
 * levels' gauges, the {@code llmrouter-credit} health check (when camel-health is present, creditHealthCheckEnabled
 * and an API key is known) and the {@code llmrouter-budgets} health check (when camel-health is present). Holds no
 * Micrometer type itself: those are only touched through {@link MicrometerBinding}, which is loaded only after the
 * presence check.
 */
public final class LlmRouterObservability {

    private static final Logger LOG = LoggerFactory.getLogger(LlmRouterObservability.class);
    static final String METER_REGISTRY_CLASS = "io.micrometer.core.instrument.MeterRegistry";

    private final LlmRouterComponent component;
    private AutoCloseable meters;
    private LlmRouterCreditHealthCheck healthCheck;
    private BudgetLevelBoard levels;
    private AutoCloseable levelGauges;
    private LlmRouterBudgetHealthCheck budgetCheck;

    public LlmRouterObservability(LlmRouterComponent component) {
        this.component = component;
    }

    public synchronized void start() {
        CamelContext context = component.getCamelContext();
        if (component.isMetricsEnabled() && meters == null && micrometerPresent()) {
            meters = MicrometerBinding.bind(component);
        }
        startLevels(context);
        if (component.isCreditHealthCheckEnabled() && healthCheck == null) {
            HealthCheckRegistry registry = HealthCheckRegistry.get(context);
            String apiKey = apiKey();
            if (registry != null && apiKey != null) {
                healthCheck = new LlmRouterCreditHealthCheck(component,
                        URI.create(component.getConfiguration().getBaseUrl()), apiKey,
                        component.getCreditHealthCheckMinimum(), LlmRouterCreditHealthCheck.WAIT);
                registry.register(healthCheck);
            } else {
                LOG.debug("Health check {} not registered: {}", LlmRouterCreditHealthCheck.ID,
                        registry == null ? "no health check registry (camel-health)" : "no API key");
            }
        }
    }

    /**
     * The budget levels' gauges (with the other meters) and the {@code llmrouter-budgets} health check (whenever
     * camel-health is present), both fed by one {@link BudgetLevelBoard} that learns the levels from finished calls.
     */
    private void startLevels(CamelContext context) {
        if (levels != null) {
            return;
        }
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        if (meters == null && registry == null) {
            return;
        }
        levels = new BudgetLevelBoard(component);
        component.addCallObserver(levels);
        if (meters != null) {
            levelGauges = MicrometerBinding.bindLevels(component, levels);
        }
        if (registry != null) {
            budgetCheck = new LlmRouterBudgetHealthCheck(levels, LlmRouterBudgetHealthCheck.WAIT);
            registry.register(budgetCheck);
        }
    }

    private void stopLevels() {
        if (levelGauges != null) {
            try {
                levelGauges.close();
            } catch (Exception e) {
                LOG.debug("Closing the budget gauges failed: {}", e.toString());
            }
            levelGauges = null;
        }
        if (budgetCheck != null) {
            HealthCheckRegistry registry = HealthCheckRegistry.get(component.getCamelContext());
            if (registry != null) {
                registry.unregister(budgetCheck);
            }
            budgetCheck = null;
        }
        if (levels != null) {
            component.removeCallObserver(levels);
            levels.close();
            levels = null;
        }
    }

    public synchronized void stop() {
        stopLevels();
        if (meters != null) {
            try {
                meters.close();
            } catch (Exception e) {
                LOG.debug("Closing the meters failed: {}", e.toString());
            }
            meters = null;
        }
        if (healthCheck != null) {
            HealthCheckRegistry registry = HealthCheckRegistry.get(component.getCamelContext());
            if (registry != null) {
                registry.unregister(healthCheck);
            }
            healthCheck = null;
        }
    }

    /** The component's API key, or OPENROUTER_API_KEY when the component's base URL is OpenRouter's; or null. */
    private String apiKey() {
        if (component.getConfiguration().getDialect() == LlmRouterDialect.openai) {
            // GET /key is OpenRouter's: a plain OpenAI-compatible server has nothing to say about credit
            return null;
        }
        String key = component.getConfiguration().getApiKey();
        if (key != null && !key.isBlank()) {
            return key;
        }
        String base = component.getConfiguration().getBaseUrl();
        if (base != null && dev.llmrouter.camel.protocol.Target.isOpenRouter(URI.create(base))) {
            key = component.runtime().env(LlmRouterEndpoint.ENV_API_KEY);
        }
        return key == null || key.isBlank() ? null : key;
    }

    static boolean micrometerPresent() {
        try {
            Class.forName(METER_REGISTRY_CLASS, false, LlmRouterObservability.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * The only place Micrometer types are named outside {@code observability.MicrometerObserver},
     * {@code observability.GenAiMeters}, {@code observability.ReplayMeters} and {@link BudgetLevelGauges}.
     */
    static final class MicrometerBinding {

        private MicrometerBinding() {
        }

        /** Registers the meter observer when a MeterRegistry is in the Camel registry; returns how to undo it. */
        static AutoCloseable bind(LlmRouterComponent component) {
            io.micrometer.core.instrument.MeterRegistry registry = find(component);
            if (registry == null) {
                LOG.debug("No MeterRegistry in the registry: llmrouter meters are off");
                return null;
            }
            dev.llmrouter.camel.observability.MicrometerObserver observer
                    = new dev.llmrouter.camel.observability.MicrometerObserver(registry)
                            .bindCircuitBreakers(component.circuitBreakers());
            CallObserver asObserver = observer;
            component.addCallObserver(asObserver);
            dev.llmrouter.camel.observability.GenAiMeters genAi = component.isGenAiMetricsEnabled()
                    ? new dev.llmrouter.camel.observability.GenAiMeters(registry) : null;
            if (genAi != null) {
                component.addCallObserver(genAi);
            }
            dev.llmrouter.camel.idempotency.ReplayStats.Listener replays
                    = new dev.llmrouter.camel.observability.ReplayMeters(registry);
            component.runtime().replayStats().addListener(replays);
            return () -> {
                component.removeCallObserver(asObserver);
                if (genAi != null) {
                    component.removeCallObserver(genAi);
                    genAi.close();
                }
                component.runtime().replayStats().removeListener(replays);
                observer.close();
            };
        }

        /** The gauges of the budget levels on the same MeterRegistry as {@link #bind}; returns how to remove them. */
        static AutoCloseable bindLevels(LlmRouterComponent component, BudgetLevelBoard board) {
            io.micrometer.core.instrument.MeterRegistry registry = find(component);
            return registry == null ? null : new BudgetLevelGauges(registry, board);
        }

        /** The only MeterRegistry of the Camel registry, else the bean {@code metricsRegistry}, else any; or null. */
        private static io.micrometer.core.instrument.MeterRegistry find(LlmRouterComponent component) {
            org.apache.camel.spi.Registry beans = component.getCamelContext().getRegistry();
            Class<io.micrometer.core.instrument.MeterRegistry> type = io.micrometer.core.instrument.MeterRegistry.class;
            io.micrometer.core.instrument.MeterRegistry registry = beans.findSingleByType(type);
            if (registry == null) {
                // several: the one camel-micrometer uses, else any
                registry = beans.lookupByNameAndType("metricsRegistry", type);
            }
            if (registry == null) {
                registry = beans.findByType(type).stream().findFirst().orElse(null);
            }
            return registry;
        }
    }
}
