package dev.llmrouter.camel.error;

import java.math.BigDecimal;

/**
 * The agent loop of an exchange reached one of its caps ({@code maxToolIterations}, {@code maxLoopCost},
 * {@code maxLoopTokens}, {@code maxLoopDuration}, or the endpoint's {@code budget}) with {@code loopStop=fail}, or
 * with {@code loopStop=finalAnswer} when even the final answer without tools could not fit. The next model call was
 * not sent; the message keeps the body it had before the loop. Not retryable.
 */
public class LoopLimitException extends LlmRouterException {

    private final String reason;
    private final BigDecimal limit;
    private final BigDecimal used;
    private final BigDecimal needed;
    private final int iterations;

    /**
     * @param reason     the cap: maxToolIterations, maxLoopCost, maxLoopTokens, maxLoopDuration or budget
     * @param limit      the cap's value (USD, tokens, milliseconds or iterations)
     * @param used       what the loop had used of it when it stopped
     * @param needed     what the next call would have needed (its worst case), or null when not known
     * @param iterations the tool iterations run before the stop
     * @param detail     what happened, appended to the message; may be null
     * @param cause      the refusal that stopped the loop (e.g. a BudgetExceededException), or null
     */
    public LoopLimitException(String reason, BigDecimal limit, BigDecimal used, BigDecimal needed, int iterations,
                              String detail, Throwable cause) {
        super(new ErrorInfo("Agent loop stopped by " + reason + " after " + iterations + " tool iteration"
                + (iterations == 1 ? "" : "s") + ": " + figures(reason, limit, used, needed)
                + (detail == null ? "" : "; " + detail), 0, "loop_limit",
                Usd.metadata("reason", reason, "limit", limit, "used", used, "needed", needed,
                        "iterations", iterations), null, cause), false);
        this.reason = reason;
        this.limit = limit;
        this.used = used;
        this.needed = needed;
        this.iterations = iterations;
    }

    private static String figures(String reason, BigDecimal limit, BigDecimal used, BigDecimal needed) {
        boolean usd = "maxLoopCost".equals(reason) || "budget".equals(reason);
        String text = reason + " " + figure(limit, usd) + ", used " + figure(used, usd);
        if (needed != null) {
            text += ", the next call needs up to " + figure(needed, usd);
        }
        return text;
    }

    /** One figure of the message: USD as Usd.format writes it, else the plain number; {@code ?} when unknown. */
    private static String figure(BigDecimal value, boolean usd) {
        return value == null ? "?" : usd ? Usd.format(value) : value.toPlainString();
    }

    /** A stop is a decision, not a crash: no stack trace is taken. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** The cap that stopped the loop (the value of header CamelLlmRouterLoopStopped). */
    public String getReason() {
        return reason;
    }

    /** The cap's value: USD for maxLoopCost, tokens, milliseconds or iterations; null for budget. */
    public BigDecimal getLimit() {
        return limit;
    }

    /** What the loop had used of the cap when it stopped (billed USD, tokens, milliseconds or iterations). */
    public BigDecimal getUsed() {
        return used;
    }

    /** The worst case of the call that could not be sent, or null. */
    public BigDecimal getNeeded() {
        return needed;
    }

    /** The tool iterations run before the stop. */
    public int getIterations() {
        return iterations;
    }
}
