package dev.llmrouter.camel.quarkus.deployment;

import dev.llmrouter.test.OpenRouterEmulator;
import io.quarkus.deployment.builditem.Startable;

/**
 * The OpenRouter emulator, in the JVM of the Quarkus build, as a dev service Quarkus starts and stops.
 */
final class EmulatorDevService implements Startable {

    private final OpenRouterEmulator emulator = OpenRouterEmulator.create();

    @Override
    public void start() {
        emulator.start();
    }

    /**
     * The base URL to give the component.
     *
     * @return {@code http://127.0.0.1:<port>/api/v1}
     */
    String baseUrl() {
        return emulator.baseUrl();
    }

    @Override
    public String getConnectionInfo() {
        return emulator.baseUrl();
    }

    @Override
    public String getContainerId() {
        // in-process, not a container
        return null;
    }

    @Override
    public void close() {
        emulator.stop();
    }
}
