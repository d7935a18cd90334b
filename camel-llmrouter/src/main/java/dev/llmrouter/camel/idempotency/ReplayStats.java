package dev.llmrouter.camel.idempotency;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

/**
 * Internal, may change. What keyed calls saved, per route: answers replayed from the store, exchanges that waited
 * for another exchange's answer instead of calling (coalesced), and the dollars the original calls cost. Listeners
 * (the meters) hear each event.
 */
public final class ReplayStats {

    /** Hears each replay; must be quick and must not throw. */
    public interface Listener {
        void replayed(String route, boolean coalesced, BigDecimal saved);
    }

    /** The totals of one route. */
    public record Totals(long replays, long coalesced, BigDecimal saved) {
    }

    private final Map<String, Totals> routes = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Counts a replayed answer; {@code coalesced} when the exchange waited for an answer in flight. */
    public void replayed(String route, boolean coalesced, BigDecimal saved) {
        String r = route == null ? "" : route;
        BigDecimal usd = saved == null ? BigDecimal.ZERO : saved;
        routes.merge(r, new Totals(1, coalesced ? 1 : 0, usd),
                (a, b) -> new Totals(a.replays + b.replays, a.coalesced + b.coalesced, a.saved.add(b.saved)));
        for (Listener l : listeners) {
            l.replayed(route, coalesced, usd);
        }
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** The totals by route id (the empty id for exchanges without a route), sorted. */
    public Map<String, Totals> snapshot() {
        return new TreeMap<>(routes);
    }
}
