package dev.llmrouter.camel.cost.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.llmrouter.camel.error.Usd;

/**
 * The answer of {@link BudgetLedger#reserve}: either granted (the amount is held against the budget until
 * {@link BudgetLedger#settle settled} or {@link BudgetLedger#release released}) or refused (nothing held;
 * {@link #remaining()} says what was left). A granted reservation can be finished once; later settle or release
 * calls are ignored. A granted reservation has an {@link #id()}: ledgers with leases keep it as the lease's key.
 */
public final class Reservation {

    private final String id;
    private final String budget;
    private final String scopeKey;
    private final Instant windowStart;
    private final BigDecimal amount;
    private final boolean granted;
    private final BigDecimal remaining;
    private final AtomicBoolean finished = new AtomicBoolean();

    /**
     * For ledger implementations.
     *
     * @param budget      the budget name
     * @param scopeKey    the scope key
     * @param windowStart the window the amount is held in
     * @param amount      the amount asked for, USD
     * @param granted     whether it is held
     * @param remaining   what remained in the window after granting, or before refusing
     */
    public Reservation(String budget, String scopeKey, Instant windowStart, BigDecimal amount, boolean granted,
                       BigDecimal remaining) {
        this(UUID.randomUUID().toString(), budget, scopeKey, windowStart, amount, granted, remaining);
    }

    /**
     * For ledger implementations that key leases by an id of their own.
     *
     * @param id          the reservation's id (at most 36 characters for the JDBC ledger)
     * @param budget      the budget name
     * @param scopeKey    the scope key
     * @param windowStart the window the amount is held in
     * @param amount      the amount asked for, USD
     * @param granted     whether it is held
     * @param remaining   what remained in the window after granting, or before refusing
     */
    public Reservation(String id, String budget, String scopeKey, Instant windowStart, BigDecimal amount,
                       boolean granted, BigDecimal remaining) {
        this.id = id;
        this.budget = budget;
        this.scopeKey = scopeKey;
        this.windowStart = windowStart;
        this.amount = amount;
        this.granted = granted;
        this.remaining = remaining;
        if (!granted) {
            finished.set(true);
        }
    }

    /** The reservation's id, unique per reservation (the key of its lease in ledgers that keep leases). */
    public String id() {
        return id;
    }

    /** The budget name. */
    public String budget() {
        return budget;
    }

    /** The scope key. */
    public String scopeKey() {
        return scopeKey;
    }

    /** The start of the window the amount is held in. */
    public Instant windowStart() {
        return windowStart;
    }

    /** The amount asked for, USD. */
    public BigDecimal amount() {
        return amount;
    }

    /** Whether the amount is held. */
    public boolean isGranted() {
        return granted;
    }

    /** What remained in the window: after granting, or (refused) before. Never negative. */
    public BigDecimal remaining() {
        return remaining;
    }

    /**
     * For ledger implementations: marks a granted reservation finished; true only for the first call, so a
     * reservation is settled or released at most once.
     */
    public boolean markFinished() {
        return finished.compareAndSet(false, true);
    }

    /** Whether the reservation is settled, released or was refused: nothing to hold or renew any more. */
    public boolean isFinished() {
        return finished.get();
    }

    /**
     * For ledger implementations: undoes {@link #markFinished()} when the settlement or release could not be
     * written, so that a later release can still return the amount.
     */
    public void reopen() {
        if (granted) {
            finished.set(false);
        }
    }

    @Override
    public String toString() {
        return "Reservation[" + budget + "/" + scopeKey + "@" + windowStart + " " + Usd.text(amount)
                + (granted ? " granted" : " refused") + ", remaining " + Usd.text(remaining) + "]";
    }
}
