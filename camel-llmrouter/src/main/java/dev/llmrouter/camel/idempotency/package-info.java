/**
 * API: the {@link dev.llmrouter.camel.idempotency.AnswerStore} SPI (with {@code Claim} and {@code StoredAnswer}),
 * which an application may implement and name in option {@code answerStore}. The two stores shipped with it,
 * {@code InMemoryAnswerStore} and {@code JdbcAnswerStore}, are internal and may change. This package names only
 * {@code wire} and {@code cost.budget}'s JDBC helpers, never the Camel shell.
 */
package dev.llmrouter.camel.idempotency;
