package dev.llmrouter.test;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension running one {@link OpenRouterEmulator} per test class:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final OpenRouterEmulatorExtension EMULATOR = OpenRouterEmulatorExtension.create();
 * </pre>
 *
 * It starts before all tests of the class (or before the first test, for an instance field), is
 * {@linkplain OpenRouterEmulator#reset() reset} before each test, stops after all tests of the class that
 * started it, and is injected into test and lifecycle method parameters of type {@link OpenRouterEmulator}.
 */
public final class OpenRouterEmulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(OpenRouterEmulatorExtension.class);

    private final OpenRouterEmulator emulator;
    private volatile String startedBy;

    private OpenRouterEmulatorExtension(OpenRouterEmulator emulator) {
        this.emulator = emulator;
    }

    /**
     * An extension serving the default catalog on a random port.
     *
     * @return the extension
     */
    public static OpenRouterEmulatorExtension create() {
        return new OpenRouterEmulatorExtension(OpenRouterEmulator.create());
    }

    /**
     * An extension serving this catalog on a random port.
     *
     * @param catalog the catalog
     * @return the extension
     */
    public static OpenRouterEmulatorExtension create(EmulatorCatalog catalog) {
        return new OpenRouterEmulatorExtension(OpenRouterEmulator.create(catalog));
    }

    /**
     * The emulator (created with the extension, started by the test lifecycle).
     *
     * @return the emulator
     */
    public OpenRouterEmulator emulator() {
        return emulator;
    }

    /**
     * Shortcut for {@code emulator().baseUrl()}.
     *
     * @return {@code http://127.0.0.1:<port>/api/v1}
     */
    public String baseUrl() {
        return emulator.baseUrl();
    }

    /**
     * Shortcut for {@code emulator().port()}.
     *
     * @return the port
     */
    public int port() {
        return emulator.port();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startIfNeeded(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(startedBy)) {
            emulator.stop();
            startedBy = null;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!emulator.isRunning()) {
            startIfNeeded(context);
            // registered as an instance field: nothing calls afterAll, so stop when this test is done
            context.getStore(NAMESPACE).put("stopper", new Stopper(this));
        }
        emulator.reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == OpenRouterEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        startIfNeeded(extensionContext);
        return emulator;
    }

    private synchronized void startIfNeeded(ExtensionContext context) {
        if (!emulator.isRunning()) {
            emulator.start();
            startedBy = context.getUniqueId();
        }
    }

    /** Stops the emulator when the store that holds it is closed (either interface, for old and new JUnit). */
    @SuppressWarnings("deprecation")
    private record Stopper(OpenRouterEmulatorExtension extension)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            extension.emulator.stop();
            extension.startedBy = null;
        }
    }
}
