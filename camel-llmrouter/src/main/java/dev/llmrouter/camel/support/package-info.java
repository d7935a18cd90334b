/**
 * Internal, may change. Assembly, run once per component or endpoint: the component's shared machinery
 * ({@code SharedRuntime}: transport, pools, timer, breakers, ledger, observers, usage sinks), the routing and cost set-up of an endpoint
 * ({@code RoutingAssembly}, {@code CostAssembly}), ledger settings and the ledger writer, the component's timer
 * tasks, the usage-log endpoint sink, the Micrometer and health-check binding, budget scopes, secret masking.
 */
package dev.llmrouter.camel.support;
