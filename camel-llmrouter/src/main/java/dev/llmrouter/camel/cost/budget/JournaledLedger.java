package dev.llmrouter.camel.cost.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A {@link BudgetLedger} whose settlements and releases survive an outage of the ledger it wraps: each is first
 * recorded in a {@link SettlementJournal} under a fresh settlement id, then written with
 * {@link BudgetLedger#settleOnce}; when that fails it stays in the journal and {@link #replay()} writes it later.
 * Because the ledger applies a settlement id at most once, a write that was applied but whose acknowledgement was
 * lost is not counted twice when it is replayed. A release is a settlement at zero. Settling and releasing never
 * throw. Reservations and reads go straight to the wrapped ledger (and fail while it is down).
 */
public final class JournaledLedger implements BudgetLedger {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JournaledLedger.class);

    private final BudgetLedger ledger;
    private final SettlementJournal journal;
    private final java.util.Set<String> writing = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param ledger  the ledger to write to
     * @param journal where unacknowledged settlements wait
     */
    public JournaledLedger(BudgetLedger ledger, SettlementJournal journal) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    /** The wrapped ledger. */
    public BudgetLedger ledger() {
        return ledger;
    }

    /** The journal of settlements the ledger has not acknowledged. */
    public SettlementJournal journal() {
        return journal;
    }

    @Override
    public Reservation reserve(String budget, String scopeKey, Instant windowStart, BigDecimal limit,
                               BigDecimal amount) {
        return ledger.reserve(budget, scopeKey, windowStart, limit, amount);
    }

    /** Straight to the wrapped ledger, all or none as it does it; each level is then settled (and journaled) alone. */
    @Override
    public List<Reservation> reserveAll(List<BudgetLevel> levels, BigDecimal amount) {
        return ledger.reserveAll(levels, amount);
    }

    @Override
    public void settle(Reservation r, BigDecimal actual) {
        BigDecimal value = Amounts.actual(actual);
        SettlementJournal.Entry e = record(r, value);
        if (e != null) {
            write(e);
        }
    }

    @Override
    public void release(Reservation r) {
        settle(r, BigDecimal.ZERO);
    }

    /**
     * Records the settlement in the journal without asking the ledger (it is written by the next {@link #replay()});
     * for when the ledger cannot be asked now.
     */
    public void defer(Reservation r, BigDecimal actual) {
        record(r, actual == null ? BigDecimal.ZERO : Amounts.actual(actual));
    }

    /** Not supported: a journaled ledger hands out its own settlement ids. */
    @Override
    public void settleOnce(String settlementId, Reservation r, BigDecimal actual) {
        throw new UnsupportedOperationException("JournaledLedger assigns settlement ids itself");
    }

    /**
     * Writes every journaled settlement, oldest first, until the ledger fails; skips those being written right now.
     *
     * @return false when the ledger failed
     */
    public boolean replay() {
        for (SettlementJournal.Entry e : journal.pending()) {
            if (!write(e)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public BigDecimal spent(String budget, String scopeKey, Instant windowStart) {
        return ledger.spent(budget, scopeKey, windowStart);
    }

    @Override
    public BigDecimal reserved(String budget, String scopeKey, Instant windowStart) {
        return ledger.reserved(budget, scopeKey, windowStart);
    }

    @Override
    public BigDecimal remaining(String budget, String scopeKey, Instant windowStart, BigDecimal limit) {
        return ledger.remaining(budget, scopeKey, windowStart, limit);
    }

    @Override
    public List<LedgerRow> snapshot() {
        return ledger.snapshot();
    }

    /**
     * Records the settlement in the journal now, on the calling thread, and returns the ledger write to run
     * elsewhere (it does nothing for a reservation already finished). A write that never runs (a queue dropped at
     * stop, a crash with a journal file) is done by a later {@link #replay()}.
     */
    public Runnable journal(Reservation r, BigDecimal actual) {
        SettlementJournal.Entry e = record(r, actual == null ? BigDecimal.ZERO : Amounts.actual(actual));
        return e == null ? () -> { } : () -> write(e);
    }

    private SettlementJournal.Entry record(Reservation r, BigDecimal value) {
        if (r == null || !r.markFinished()) {
            return null;
        }
        SettlementJournal.Entry e = new SettlementJournal.Entry(UUID.randomUUID().toString(), r.budget(),
                r.scopeKey(), r.windowStart(), r.amount(), value, r.id());
        try {
            journal.add(e);
        } catch (RuntimeException failure) {
            // the journal file cannot be written: the ledger is still asked, but an outage would lose this one
            LOG.warn("Settlement {} on budget {} could not be journaled: {}", e.id(), e.budget(), failure.toString());
        }
        return e;
    }

    private boolean write(SettlementJournal.Entry e) {
        if (!writing.add(e.id())) {
            // the first write (or another replay) has it in hand
            return true;
        }
        if (!journal.isPending(e.id())) {
            // written and acknowledged between the replay's look at the journal and now
            writing.remove(e.id());
            return true;
        }
        try {
            ledger.settleOnce(e.id(), e.reservation(), e.actual());
        } catch (RuntimeException failure) {
            writing.remove(e.id());
            LOG.warn("Settlement {} of {} on budget {} kept in the journal until the ledger accepts it: {}", e.id(),
                    e.actual().toPlainString(), e.budget(), failure.toString());
            return false;
        }
        journal.done(e.id());
        writing.remove(e.id());
        return true;
    }
}
