/**
 * Internal, may change. Plain asynchronous HTTP on Apache HttpClient 5: requests, replies, server-sent events,
 * cancellation, size limits. Knows nothing of OpenRouter's error taxonomy.
 */
package dev.llmrouter.camel.transport;
