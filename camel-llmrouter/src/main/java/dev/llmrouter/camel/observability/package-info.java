/**
 * Internal, may change (found through {@code META-INF/services}): Micrometer meters, and the span decorators of
 * camel-tracing and camel-telemetry with their GenAI attributes.
 */
package dev.llmrouter.camel.observability;
