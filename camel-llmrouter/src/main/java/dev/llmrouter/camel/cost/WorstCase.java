package dev.llmrouter.camel.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.OptionalInt;

import dev.llmrouter.camel.error.Usd;
import dev.llmrouter.camel.wire.ProviderPreferences;

/**
 * The worst case of one request, part by part: one estimate for each model that may be asked (the costliest of
 * the model and its fallbacks, then each escalation model), and the words that explain a ceiling refusal: which
 * model's part is largest, what drives it, and what to set.
 */
final class WorstCase {

    /**
     * One model's part.
     *
     * @param estimate      the model's worst-case estimate
     * @param source        where the model came from: {@code model}, a header, {@code fallbackModels},
     *                      {@code escalateModels}
     * @param maxTokens     the request's max_tokens, or null
     * @param contextLength the model's context window from the catalog, or empty
     */
    record Part(CostEstimate estimate, String source, Integer maxTokens, OptionalInt contextLength) {
    }

    private final List<Part> parts;
    private final BigDecimal total;

    WorstCase(List<Part> parts) {
        this.parts = List.copyOf(parts);
        BigDecimal sum = BigDecimal.ZERO;
        for (Part p : parts) {
            sum = sum.add(p.estimate().total());
        }
        this.total = sum;
    }

    BigDecimal total() {
        return total;
    }

    /** The worst-case tokens: every part's estimated prompt tokens plus its completion tokens. */
    long tokens() {
        long t = 0;
        for (Part p : parts) {
            t += (long) p.estimate().promptTokens() + p.estimate().completionTokens();
        }
        return t;
    }

    /** The worst case as the header shows it, with the server-side bound sent (or null). */
    WorstCaseEstimate toEstimate(ProviderPreferences.MaxPrice serverBound) {
        CostEstimate[] estimates = new CostEstimate[parts.size()];
        for (int i = 0; i < estimates.length; i++) {
            estimates[i] = parts.get(i).estimate();
        }
        return new WorstCaseEstimate(total, List.of(estimates), serverBound);
    }

    /** The part with the largest estimate (the first of equals). */
    Part largest() {
        Part max = parts.get(0);
        for (Part p : parts) {
            if (p.estimate().total().compareTo(max.estimate().total()) > 0) {
                max = p;
            }
        }
        return max;
    }

    /** What drives the worst case above {@code ceiling} and what to set, in sentences. */
    String explain(BigDecimal ceiling) {
        Part p = largest();
        CostEstimate e = p.estimate();
        StringBuilder sb = new StringBuilder("Model '").append(e.model()).append("' (").append(p.source())
                .append(") drives it: ");
        boolean completionDrives = e.completionCost().compareTo(e.promptCost()) >= 0 && e.completionTokens() > 0;
        if (completionDrives) {
            sb.append("up to ").append(e.completionTokens()).append(" completion tokens (").append(basis(p))
                    .append(") at ").append(Usd.format(perToken(e.completionCost(), e.completionTokens())))
                    .append(" per token make ").append(Usd.format(e.completionCost())).append(" of it. ");
        } else {
            sb.append("a prompt of about ").append(e.promptTokens()).append(" tokens at ")
                    .append(Usd.format(perToken(e.promptCost(), e.promptTokens()))).append(" per token makes ")
                    .append(Usd.format(e.promptCost())).append(" of it. ");
        }
        long fit = maxTokensThatFit(ceiling);
        Integer maxTokens = p.maxTokens();
        if (fit >= 1) {
            sb.append(maxTokens == null ? "Set maxTokens (at most " + fit + " fits)"
                    : "Lower maxTokens to at most " + fit);
            sb.append(" or raise maxCostPerRequest to at least ").append(Usd.format(total)).append('.');
        } else {
            sb.append("Raise maxCostPerRequest to at least ").append(Usd.format(total))
                    .append(completionDrives ? "." : " or shorten the prompt.");
        }
        return sb.toString();
    }

    private static String basis(Part p) {
        if (p.maxTokens() != null) {
            return "maxTokens";
        }
        if (p.contextLength().isPresent()) {
            return "its context window of " + p.contextLength().getAsInt() + " tokens less the prompt, as maxTokens"
                   + " is not set";
        }
        return "the default completion allowance, as maxTokens is not set";
    }

    /**
     * The largest max_tokens under which every part together stays within {@code ceiling}: what is left of the
     * ceiling after the parts that do not depend on max_tokens, divided by the sum of the per-token completion
     * prices; 0 when nothing fits (or no part has a completion price).
     */
    long maxTokensThatFit(BigDecimal ceiling) {
        BigDecimal fixed = total;
        BigDecimal perToken = BigDecimal.ZERO;
        for (Part p : parts) {
            CostEstimate e = p.estimate();
            fixed = fixed.subtract(e.completionCost());
            if (e.completionTokens() > 0) {
                perToken = perToken.add(perToken(e.completionCost(), e.completionTokens()));
            }
        }
        BigDecimal left = ceiling.subtract(fixed);
        if (perToken.signum() <= 0 || left.signum() <= 0) {
            return 0;
        }
        return left.divide(perToken, 0, RoundingMode.FLOOR).min(BigDecimal.valueOf(Integer.MAX_VALUE)).longValue();
    }

    private static BigDecimal perToken(BigDecimal cost, int tokens) {
        // cost is price x tokens, so the division is exact
        return tokens <= 0 ? BigDecimal.ZERO : cost.divide(BigDecimal.valueOf(tokens));
    }
}
