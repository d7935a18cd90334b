package dev.llmrouter.camel;

import java.util.Map;

import org.apache.camel.health.HealthCheck;

/**
 * What the component's health checks share: the {@code llmrouter} group, an id, the enabled switch and readiness
 * only (neither a spent budget nor a spent credit limit is cured by a restart). Only camel-api types, so the checks
 * need nothing beyond the component's dependencies; Camel runs them only when camel-health is present.
 */
abstract class LlmRouterHealthCheckSupport implements HealthCheck {

    static final String GROUP = "llmrouter";

    private final String id;
    private volatile boolean enabled = true;

    LlmRouterHealthCheckSupport(String id) {
        this.id = id;
    }

    @Override
    public String getGroup() {
        return GROUP;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Readiness only: what these checks report is not cured by a restart. */
    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public Map<String, Object> getMetaData() {
        return Map.of(CHECK_ID, id, CHECK_GROUP, GROUP, CHECK_ENABLED, enabled);
    }
}
