package dev.llmrouter.camel;

/**
 * What a call with a budget does while the ledger cannot be reached (option {@code ledgerFailure}).
 * <p>
 * The constants are spelt as the option's values, e.g. {@code ledgerFailure=failClosed}; a value is read
 * ignoring case, {@code -} and {@code _}.
 */
public enum LlmRouterLedgerFailure {

    /** It is refused with a LedgerUnavailableException; nothing is sent. */
    failClosed,

    /** It is sent without a reservation, and its cost is booked once the ledger is back. */
    failOpen;
}
