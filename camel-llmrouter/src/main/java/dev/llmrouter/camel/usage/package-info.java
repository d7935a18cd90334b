/**
 * API (SPI): {@code UsageRecord} (one line of the usage log, also the body of {@code usageLogEndpoint}
 * exchanges), {@code UsageSink} and {@code CallObserver} may be implemented by an application; {@code CallEvent}
 * and {@code SpendStats} are what observers receive. The CSV and JDBC sinks and the offline report are internal.
 */
package dev.llmrouter.camel.usage;
