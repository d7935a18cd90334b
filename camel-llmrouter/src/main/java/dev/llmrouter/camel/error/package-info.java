/**
 * API. The exceptions an exchange fails with, all {@code LlmRouterException}, each naming one cause, and the
 * records they carry ({@code Attempt}, {@code ErrorInfo}, {@code RateLimit}).
 */
package dev.llmrouter.camel.error;
