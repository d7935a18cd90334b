package dev.llmrouter.camel.cost.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * A named spending limit: at most {@code amount} USD per {@code period} window in {@code zone}.
 *
 * @param name   identifies the budget in the ledger; letters, digits and {@code . _ - : /}, 1..100 characters
 * @param amount the limit per window in USD, zero or positive
 * @param period how often the budget resets
 * @param zone   the time zone the windows follow (UTC when built with {@link #of(String, BigDecimal, BudgetPeriod)})
 * @param rpm    at most this many requests per minute (a fixed UTC minute, see {@link RateLimits}), or null for no
 *               limit
 * @param tpm    at most this many tokens per minute (worst cases while in flight, actual totals once settled), or
 *               null for no limit
 */
public record BudgetDefinition(String name, BigDecimal amount, BudgetPeriod period, ZoneId zone, Long rpm, Long tpm) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:/-]{1,100}");

    /** Validates every field; messages name the field. */
    public BudgetDefinition {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("budget name must be 1-100 letters, digits or . _ - : / but was '"
                    + name + "'");
        }
        if (amount == null || amount.signum() < 0) {
            throw new IllegalArgumentException("budget '" + name + "': amount must be zero or positive USD but was "
                    + (amount == null ? "null" : amount.toPlainString()));
        }
        if (period == null) {
            throw new IllegalArgumentException("budget '" + name + "': period must be one of none, hourly, daily,"
                    + " weekly, monthly but was null");
        }
        if (zone == null) {
            throw new IllegalArgumentException("budget '" + name + "': zone must not be null");
        }
        if (rpm != null && (rpm < 1 || rpm > RateLimits.UNLIMITED)) {
            throw new IllegalArgumentException("budget '" + name + "': rpm must be 1 or more requests per minute but"
                    + " was " + rpm);
        }
        if (tpm != null && (tpm < 1 || tpm > RateLimits.UNLIMITED)) {
            throw new IllegalArgumentException("budget '" + name + "': tpm must be 1 or more tokens per minute but"
                    + " was " + tpm);
        }
    }

    /** A budget without rate limits. */
    public BudgetDefinition(String name, BigDecimal amount, BudgetPeriod period, ZoneId zone) {
        this(name, amount, period, zone, null, null);
    }

    /** This budget with the given {@code rpm} and {@code tpm} (each null for no limit). */
    public BudgetDefinition withRateLimits(Long rpm, Long tpm) {
        return new BudgetDefinition(name, amount, period, zone, rpm, tpm);
    }

    /** Whether {@code rpm} or {@code tpm} is set. */
    public boolean hasRateLimits() {
        return rpm != null || tpm != null;
    }

    /** A budget whose windows follow UTC. */
    public static BudgetDefinition of(String name, BigDecimal amount, BudgetPeriod period) {
        return new BudgetDefinition(name, amount, period, ZoneOffset.UTC);
    }

    /**
     * Parses option values: amount as a decimal string, period case-insensitively, zone as a {@link ZoneId} id
     * (null or blank means UTC). Messages name the offending field.
     */
    public static BudgetDefinition parse(String name, String amount, String period, String zone) {
        BigDecimal a;
        try {
            a = new BigDecimal(amount == null ? "" : amount.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("budget '" + name + "': amount must be a decimal USD value but was '"
                    + amount + "'");
        }
        BudgetPeriod p;
        try {
            p = BudgetPeriod.valueOf(period == null ? "" : period.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("budget '" + name + "': period must be one of none, hourly, daily,"
                    + " weekly, monthly but was '" + period + "'");
        }
        ZoneId z;
        try {
            z = zone == null || zone.isBlank() ? ZoneOffset.UTC : ZoneId.of(zone.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("budget '" + name + "': zone must be a time zone id such as"
                    + " Europe/Berlin but was '" + zone + "'");
        }
        return new BudgetDefinition(name, a, p, z);
    }

    /** The start of the window containing {@code t}. */
    public Instant windowStart(Instant t) {
        return period.windowStart(t, zone);
    }
}
