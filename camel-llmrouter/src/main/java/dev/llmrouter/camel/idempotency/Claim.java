package dev.llmrouter.camel.idempotency;

import java.time.Instant;

/**
 * The outcome of {@link AnswerStore#claim}.
 *
 * @param state     what the key was found in
 * @param answer    the stored answer, with {@link State#ANSWERED} only
 * @param expiresAt when the other owner's lease ends, with {@link State#HELD_BY_OTHER} only
 */
public record Claim(State state, StoredAnswer answer, Instant expiresAt) {

    /** The states a claim can find a key in. */
    public enum State {
        /** The caller now holds the key and must call, then put or release. */
        CLAIMED,
        /** The key has an answer: give it back. */
        ANSWERED,
        /** Another owner holds a live claim: wait for its answer or for its lease to expire. */
        HELD_BY_OTHER
    }

    public static Claim claimed() {
        return new Claim(State.CLAIMED, null, null);
    }

    public static Claim answered(StoredAnswer answer) {
        return new Claim(State.ANSWERED, answer, null);
    }

    public static Claim heldByOther(Instant expiresAt) {
        return new Claim(State.HELD_BY_OTHER, null, expiresAt);
    }
}
