/**
 * Internal, may change; except {@link dev.llmrouter.camel.routing.ChatStream}, the public body type of a
 * streaming chat (API). Sends one request over the targets: retries, fallbacks, circuit breakers, escalation,
 * output checks, the response cache and stream recovery. Never imports the shell (the root, {@code producer},
 * {@code support}).
 */
package dev.llmrouter.camel.routing;
