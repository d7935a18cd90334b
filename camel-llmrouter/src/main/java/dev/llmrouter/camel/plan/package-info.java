/**
 * Internal, may change. Turns the endpoint options and a message into a {@code ChatRequest}: the request
 * template built once per endpoint, header overrides, policy narrowing, structured-output schemas, option checks.
 */
package dev.llmrouter.camel.plan;
