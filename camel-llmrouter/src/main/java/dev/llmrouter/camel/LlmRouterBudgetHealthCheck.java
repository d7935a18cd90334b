package dev.llmrouter.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.llmrouter.camel.error.Usd;
import dev.llmrouter.camel.observability.BudgetLevelBoard;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Health check {@code llmrouter-budgets} (group {@code llmrouter}, readiness): for every budget level (budget and
 * scope key) the component has booked a call on, the current window's spent, reserved and remaining USD, its amount
 * and its window, as details. It is always UP: a spent budget is the budget doing its job, not an unhealthy
 * application (other scope keys, other routes and {@code downgradeModels} still work, and neither a restart nor
 * another replica on the same ledger would bring the amount back); the exhausted levels are named in the message and
 * the {@code budget.exhausted} detail, so a monitor can still act on them.
 * <p>
 * Reads the {@link BudgetLevelBoard}: live from an in-memory ledger; for an external ledger the rows are refreshed on
 * the ledger threads and awaited at most {@link #WAIT}, after which the rows last read are reported with
 * {@code budget.stale=true}. A check never waits longer than that for a database.
 */
public final class LlmRouterBudgetHealthCheck extends LlmRouterHealthCheckSupport {

    static final String ID = "llmrouter-budgets";
    /** How long a check waits for an external ledger at most. */
    public static final Duration WAIT = Duration.ofSeconds(1);
    /** How many exhausted levels the message names (the rest are counted). */
    static final int MESSAGE_NAMES = 10;
    /** How many exhausted levels the {@code budget.exhausted} detail names (the rest are counted). */
    static final int DETAIL_NAMES = 100;

    private final BudgetLevelBoard board;
    private final Duration wait;

    public LlmRouterBudgetHealthCheck(BudgetLevelBoard board, Duration wait) {
        super(ID);
        this.board = board;
        this.wait = wait;
    }


    @Override
    public Result call(Map<String, Object> options) {
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(this);
        BudgetLevelBoard.Snapshot snapshot = board.snapshot(wait);
        List<String> exhausted = new ArrayList<>();
        int known = 0;
        for (BudgetLevelBoard.LevelRow lr : snapshot.rows()) {
            String prefix = prefix(lr.level());
            BudgetLevelBoard.Row r = lr.row();
            if (r == null || r.amount() == null) {
                builder.detail(prefix + ".amount", r == null ? "not read yet" : "not defined");
                continue;
            }
            known++;
            builder.detail(prefix + ".spent", Usd.plain(r.spent()));
            builder.detail(prefix + ".reserved", Usd.plain(r.reserved()));
            builder.detail(prefix + ".remaining", Usd.plain(r.remaining()));
            builder.detail(prefix + ".amount", Usd.plain(r.amount()));
            builder.detail(prefix + ".window", r.period() + " from " + r.windowStart());
            if (r.remaining().signum() <= 0) {
                exhausted.add(lr.level().toString());
            }
        }
        builder.detail("budget.levels", snapshot.rows().size());
        if (snapshot.late()) {
            builder.detail("budget.stale", true);
        }
        long untracked = board.untracked();
        if (untracked > 0) {
            builder.detail("budget.untracked", untracked);
        }
        if (!exhausted.isEmpty()) {
            builder.detail("budget.exhausted", names(exhausted, DETAIL_NAMES, ","));
            builder.detail("budget.exhaustedCount", exhausted.size());
        }
        StringBuilder message = new StringBuilder();
        if (snapshot.rows().isEmpty()) {
            message.append("No budget level booked yet");
        } else {
            message.append(snapshot.rows().size()).append(snapshot.rows().size() == 1 ? " budget level" : " budget levels");
            if (!exhausted.isEmpty()) {
                message.append(", nothing left on ").append(names(exhausted, MESSAGE_NAMES, ", "));
            }
            if (known < snapshot.rows().size()) {
                message.append(", ").append(snapshot.rows().size() - known).append(" not read yet");
            }
            if (snapshot.late()) {
                message.append(" (the ledger did not answer within ").append(wait.toMillis())
                        .append(" ms: amounts as last read)");
            }
        }
        return builder.up().message(message.toString()).build();
    }

    /** The first {@code max} names joined, and how many more there are. */
    private static String names(List<String> all, int max, String separator) {
        if (all.size() <= max) {
            return String.join(separator, all);
        }
        return String.join(separator, all.subList(0, max)) + separator + "and " + (all.size() - max) + " more";
    }

    /** {@code budget.<name>} for a global level, {@code budget.<name>[<scope key>]} otherwise. */
    static String prefix(BudgetLevelBoard.Level level) {
        return "budget." + level;
    }

    @Override
    public String toString() {
        return "LlmRouterBudgetHealthCheck[" + ID + "]";
    }
}
