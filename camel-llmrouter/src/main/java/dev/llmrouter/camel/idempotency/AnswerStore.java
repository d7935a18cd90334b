package dev.llmrouter.camel.idempotency;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the answers of keyed calls (option {@code idempotencyKey}) are kept, and who is answering a key right now.
 * <p>
 * A key is in one of three states: free, claimed by one owner (an instance of the component) until its lease
 * expires, or answered until its retention ends. A call first {@link #claim claims} its key; the owner that got
 * {@link Claim.State#CLAIMED} calls the model and then either {@link #put stores} the answer (which ends the claim)
 * or {@link #release releases} the claim when the call failed. A claim whose lease expired (its owner died) is
 * taken over by the next claim. Implementations must be safe for concurrent use, also from several JVMs when
 * the store is shared.
 */
public interface AnswerStore {

    /** The stored answer of {@code key} whose retention has not ended, or empty. */
    Optional<StoredAnswer> get(String key);

    /**
     * Claims {@code key} for {@code owner} for {@code lease}: {@link Claim.State#ANSWERED} with the answer when
     * there is one, {@link Claim.State#HELD_BY_OTHER} with the lease's end when another owner holds a live claim,
     * else {@link Claim.State#CLAIMED} (a claim of the same owner is renewed).
     */
    Claim claim(String key, String owner, Duration lease);

    /** Stores {@code answer} under {@code key} for {@code retention} and ends any claim on it. */
    void put(String key, StoredAnswer answer, Duration retention);

    /** Ends {@code owner}'s claim on {@code key} (its call failed); another claim may take the key at once. */
    void release(String key, String owner);

    /** Extends {@code owner}'s claim on {@code key} by {@code lease} from now; false when it no longer holds it. */
    boolean renew(String key, String owner, Duration lease);

    /** Called once when the first endpoint using the store starts (e.g. to create a table). */
    default void start() {
    }
}
