package dev.llmrouter.camel.support;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.llmrouter.camel.LlmRouterBudgetScope;
import dev.llmrouter.camel.LlmRouterConstants;
import dev.llmrouter.camel.producer.LlmRouterBinding;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;

/**
 * Where one budget level finds its scope key for an exchange: the budget's {@code scope} property ({@code global},
 * {@code route}, {@code endpoint}, {@code header}, or a Camel simple expression such as {@code ${header.tenant}}, or
 * {@code $simple{header.tenant}} where {@code ${...}} would be taken as a property placeholder, e.g. in Spring Boot),
 * or, when the budget sets none, the endpoint's {@code budgetScope} with header {@code CamelLlmRouterBudgetKey}
 * taking precedence (the behaviour of a single budget before scopes were set per budget).
 */
public final class BudgetScope {

    private enum Kind { ENDPOINT_DEFAULT, GLOBAL, ROUTE, ENDPOINT, HEADER, EXPRESSION }

    private final Kind kind;
    private final Expression expression;

    /** The scope without a budget scope of its own: the endpoint's budgetScope and header. Stateless, so shared. */
    private static final BudgetScope ENDPOINT_DEFAULT = new BudgetScope(Kind.ENDPOINT_DEFAULT, null);

    private BudgetScope(Kind kind, Expression expression) {
        this.kind = kind;
        this.expression = expression;
    }

    /**
     * Parses a budget's {@code scope} (null or blank: the endpoint's budgetScope and header, as before).
     *
     * @throws IllegalArgumentException naming the budget and the value when it is none of the kinds and not a valid
     *                                  simple expression
     */
    public static BudgetScope parse(String budget, String scope, CamelContext context) {
        if (scope == null || scope.isBlank()) {
            return ENDPOINT_DEFAULT;
        }
        String s = scope.trim();
        switch (s.toLowerCase(Locale.ROOT)) {
            case "global":
                return new BudgetScope(Kind.GLOBAL, null);
            case "route":
                return new BudgetScope(Kind.ROUTE, null);
            case "endpoint":
                return new BudgetScope(Kind.ENDPOINT, null);
            case "header":
                return new BudgetScope(Kind.HEADER, null);
            default:
                break;
        }
        if (!s.contains("${") && !s.contains("$simple{")) {
            throw new IllegalArgumentException("Invalid scope '" + s + "' of budget '" + budget + "': expected global,"
                                               + " route, endpoint, header or a simple expression such as"
                                               + " ${header.tenant}");
        }
        try {
            Expression e = context.resolveLanguage("simple").createExpression(s);
            e.init(context);
            return new BudgetScope(Kind.EXPRESSION, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid scope '" + s + "' of budget '" + budget + "': not a valid"
                                               + " simple expression (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Splits option {@code budget} into names: each once, none empty.
     *
     * @throws IllegalArgumentException naming an empty entry or a budget listed twice
     */
    public static List<String> names(String option) {
        Set<String> names = new LinkedHashSet<>();
        for (String part : option.split(",", -1)) {
            String name = part.trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("Invalid value '" + option + "' for budget: an empty budget name"
                                                   + " in the list");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("Invalid value '" + option + "' for budget: budget '" + name
                                                   + "' is listed twice (each level must be a different budget)");
            }
        }
        return new ArrayList<>(names);
    }

    /**
     * The scope key of this level for the exchange ({@code ""} for one key for all).
     *
     * @param endpointKey the endpoint's URI without secrets
     * @param budgetScope the endpoint's option budgetScope (null for global)
     */
    public String key(Exchange exchange, String endpointKey, LlmRouterBudgetScope budgetScope) {
        switch (kind) {
            case GLOBAL:
                return "";
            case ROUTE:
                return route(exchange);
            case ENDPOINT:
                return endpointKey;
            case EXPRESSION:
                String v = expression.evaluate(exchange, String.class);
                return v == null ? "" : v.trim();
            case HEADER:
            case ENDPOINT_DEFAULT:
            default:
                String header = LlmRouterBinding.budgetKey(exchange.getMessage());
                if (header != null && !header.isBlank()) {
                    return header.trim();
                }
                return switch (budgetScope == null ? LlmRouterBudgetScope.global : budgetScope) {
                    case route -> route(exchange);
                    case endpoint -> endpointKey;
                    case global -> "";
                };
        }
    }

    private static String route(Exchange exchange) {
        return exchange.getFromRouteId() == null ? "" : exchange.getFromRouteId();
    }
}
