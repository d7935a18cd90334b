package dev.llmrouter.camel.cost.budget;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * How often a budget starts afresh. Windows are computed in the budget's time zone: an hour, a calendar day, a
 * week starting Monday 00:00, a calendar month. {@link #NONE} never resets: its single window starts at the epoch.
 */
public enum BudgetPeriod {
    /** One window forever. */
    NONE,
    /** Clock hours in the zone. */
    HOURLY,
    /** Calendar days from midnight in the zone. */
    DAILY,
    /** Weeks from Monday midnight in the zone. */
    WEEKLY,
    /** Calendar months from the 1st, midnight, in the zone. */
    MONTHLY;

    /** The start of the window that contains {@code t}. */
    public Instant windowStart(Instant t, ZoneId zone) {
        Objects.requireNonNull(t, "instant");
        Objects.requireNonNull(zone, "zone");
        if (this == NONE) {
            return Instant.EPOCH;
        }
        ZonedDateTime z = t.atZone(zone);
        ZonedDateTime start = switch (this) {
            case HOURLY -> z.truncatedTo(ChronoUnit.HOURS);
            case DAILY -> z.toLocalDate().atStartOfDay(zone);
            case WEEKLY -> z.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone);
            case MONTHLY -> z.toLocalDate().withDayOfMonth(1).atStartOfDay(zone);
            default -> throw new IllegalStateException(name());
        };
        return start.toInstant();
    }

    /** The start of the next window after the one containing {@code t}; {@link Instant#MAX} for NONE. */
    public Instant windowEnd(Instant t, ZoneId zone) {
        if (this == NONE) {
            return Instant.MAX;
        }
        ZonedDateTime start = windowStart(t, zone).atZone(zone);
        ZonedDateTime next = switch (this) {
            case HOURLY -> start.plusHours(1);
            case DAILY -> start.toLocalDate().plusDays(1).atStartOfDay(zone);
            case WEEKLY -> start.toLocalDate().plusWeeks(1).atStartOfDay(zone);
            case MONTHLY -> start.toLocalDate().plusMonths(1).atStartOfDay(zone);
            default -> throw new IllegalStateException(name());
        };
        return next.toInstant();
    }
}
