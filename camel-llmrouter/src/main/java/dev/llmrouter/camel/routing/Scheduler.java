package dev.llmrouter.camel.routing;

import java.util.concurrent.Future;

/** Runs a task once after a delay (backoff waits and total timeouts); tasks must be short and never block. */
@FunctionalInterface
public interface Scheduler {

    Future<?> schedule(Runnable task, long delayMillis);
}
