package dev.llmrouter.camel.support;

import java.net.InetAddress;
import java.time.Duration;

import dev.llmrouter.camel.cost.budget.InMemoryLedger;

/**
 * How the component's ledger options resolve: the reservation lease ({@code reservationLease}, by default a minute
 * over the component's {@code totalTimeout}, or 10 minutes without one) and the instance id a JDBC ledger releases
 * its previous incarnation's leases under ({@code ledgerInstanceId}, by default host name + "/" + CamelContext name).
 */
public final class LedgerSettings {

    /** Added to {@code totalTimeout} for the default lease. */
    static final Duration MARGIN = Duration.ofMinutes(1);

    private LedgerSettings() {
    }

    /** The lease: {@code configured} when above 0, else {@code totalTimeout} + 1 minute, else 10 minutes. */
    public static Duration lease(long configured, long totalTimeout) {
        if (configured > 0) {
            return Duration.ofMillis(configured);
        }
        return totalTimeout > 0 ? Duration.ofMillis(totalTimeout).plus(MARGIN) : InMemoryLedger.DEFAULT_LEASE;
    }

    /** The instance id: {@code configured} when set, else host name + "/" + the CamelContext's name. */
    public static String instanceId(String configured, String contextName) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        return host() + "/" + contextName;
    }

    private static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
