/**
 * API. The Camel SPI surface of the {@code llmrouter} component: {@link dev.llmrouter.camel.LlmRouterComponent},
 * {@link dev.llmrouter.camel.LlmRouterEndpoint}, {@link dev.llmrouter.camel.LlmRouterConfiguration} (the endpoint
 * options), {@link dev.llmrouter.camel.LlmRouterConstants} (the headers), {@link dev.llmrouter.camel.LlmRouterOperation},
 * one producer per operation, the configuration beans ({@link dev.llmrouter.camel.LlmRouterTarget},
 * {@link dev.llmrouter.camel.LlmRouterBudget}), the dev console and the credit health check. Everything a route or
 * an application names lives here, in {@code wire}, {@code error} and {@code usage}, or is the
 * {@code cost.budget.BudgetLedger} SPI or the {@code idempotency.AnswerStore} SPI; every other package is internal.
 */
package dev.llmrouter.camel;
