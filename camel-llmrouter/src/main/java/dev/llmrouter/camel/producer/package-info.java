/**
 * Internal, may change. Per-exchange Camel glue: {@code LlmRouterBinding} (the only reader of the
 * {@code CamelLlmRouter*} "in" headers and writer of the "out" headers), {@code Bookkeeper} (admission, settlement
 * and the usage record of one call), {@code ExchangeCompletion} (the one completion callback, with the one failure
 * path), stream delivery, chat bodies and rate-limit waits.
 */
package dev.llmrouter.camel.producer;
