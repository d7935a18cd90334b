package dev.llmrouter.camel.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Internal, may change. The answer store of one JVM: at most {@code maxEntries} answers (the least recently used
 * go first), each until its retention ends, and the claims of the calls in flight. Lost when the JVM stops.
 */
public final class InMemoryAnswerStore implements AnswerStore {

    private final Clock clock;
    private final Map<String, Entry> answers;
    private final Map<String, Held> claims = new LinkedHashMap<>();

    private record Entry(StoredAnswer answer, long expiresAt) {
    }

    private record Held(String owner, long expiresAt) {
    }

    public InMemoryAnswerStore(int maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.clock = clock;
        this.answers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public synchronized Optional<StoredAnswer> get(String key) {
        return Optional.ofNullable(live(key));
    }

    private StoredAnswer live(String key) {
        Entry e = answers.get(key);
        if (e == null) {
            return null;
        }
        if (e.expiresAt <= clock.millis()) {
            answers.remove(key);
            return null;
        }
        return e.answer;
    }

    @Override
    public synchronized Claim claim(String key, String owner, Duration lease) {
        StoredAnswer answer = live(key);
        if (answer != null) {
            return Claim.answered(answer);
        }
        long now = clock.millis();
        Held held = claims.get(key);
        if (held != null && held.expiresAt > now && !held.owner.equals(owner)) {
            return Claim.heldByOther(Instant.ofEpochMilli(held.expiresAt));
        }
        claims.put(key, new Held(owner, now + lease.toMillis()));
        return Claim.claimed();
    }

    @Override
    public synchronized void put(String key, StoredAnswer answer, Duration retention) {
        claims.remove(key);
        answers.put(key, new Entry(answer, clock.millis() + retention.toMillis()));
    }

    @Override
    public synchronized void release(String key, String owner) {
        Held held = claims.get(key);
        if (held != null && held.owner.equals(owner)) {
            claims.remove(key);
        }
    }

    @Override
    public synchronized boolean renew(String key, String owner, Duration lease) {
        Held held = claims.get(key);
        if (held == null || !held.owner.equals(owner)) {
            return false;
        }
        claims.put(key, new Held(owner, clock.millis() + lease.toMillis()));
        return true;
    }

    /** How many answers are held (expired ones included until they are next looked at). */
    public synchronized int size() {
        return answers.size();
    }
}
