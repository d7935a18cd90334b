package dev.llmrouter.camel.support;

import java.net.URI;

import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.LlmRouterCreditHealthCheck;
import dev.llmrouter.camel.LlmRouterEndpoint;
import dev.llmrouter.camel.usage.CallObserver;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a component adds for operations when it starts, and removes when it stops: the Micrometer meters (when
 * Micrometer is on the classpath, a MeterRegistry is in the registry and metricsEnabled) and the
 * {@code llmrouter-credit} health check (when camel-health is present, creditHealthCheckEnabled and an API key is
 * known). Holds no Micrometer type itself: those are only touched through {@link MicrometerBinding}, which is
 * loaded only after the presence check.
 */
public final class LlmRouterObservability {

    private static final Logger LOG = LoggerFactory.getLogger(LlmRouterObservability.class);
    static final String METER_REGISTRY_CLASS = "io.micrometer.core.instrument.MeterRegistry";

    private final LlmRouterComponent component;
    private AutoCloseable meters;
    private LlmRouterCreditHealthCheck healthCheck;

    public LlmRouterObservability(LlmRouterComponent component) {
        this.component = component;
    }

    public synchronized void start() {
        CamelContext context = component.getCamelContext();
        if (component.isMetricsEnabled() && meters == null && micrometerPresent()) {
            meters = MicrometerBinding.bind(component);
        }
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

    public synchronized void stop() {
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
        if ("openai".equalsIgnoreCase(component.getConfiguration().getDialect())) {
            // GET /key is OpenRouter's: a plain OpenAI-compatible server has nothing to say about credit
            return null;
        }
        String key = component.getConfiguration().getApiKey();
        if (key != null && !key.isBlank()) {
            return key;
        }
        String base = component.getConfiguration().getBaseUrl();
        if (base != null && dev.llmrouter.camel.protocol.Target.isOpenRouter(URI.create(base))) {
            key = component.env(LlmRouterEndpoint.ENV_API_KEY);
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

    /** The only place Micrometer types are named outside {@code observability.MicrometerObserver}. */
    static final class MicrometerBinding {

        private MicrometerBinding() {
        }

        /** Registers the meter observer when a MeterRegistry is in the Camel registry; returns how to undo it. */
        static AutoCloseable bind(LlmRouterComponent component) {
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
            if (registry == null) {
                LOG.debug("No MeterRegistry in the registry: llmrouter meters are off");
                return null;
            }
            dev.llmrouter.camel.observability.MicrometerObserver observer
                    = new dev.llmrouter.camel.observability.MicrometerObserver(registry)
                            .bindCircuitBreakers(component.circuitBreakers());
            CallObserver asObserver = observer;
            component.addCallObserver(asObserver);
            return () -> {
                component.removeCallObserver(asObserver);
                observer.close();
            };
        }
    }
}
