package dev.llmrouter.test;

import java.lang.System.Logger.Level;

import com.github.tomakehurst.wiremock.common.Notifier;

/** Keeps WireMock off the console: its messages go to {@link System.Logger} at DEBUG level only. */
final class QuietNotifier implements Notifier {

    private static final System.Logger LOG = System.getLogger(OpenRouterEmulator.class.getName());

    @Override
    public void info(String message) {
        LOG.log(Level.DEBUG, message);
    }

    @Override
    public void error(String message) {
        LOG.log(Level.DEBUG, message);
    }

    @Override
    public void error(String message, Throwable t) {
        LOG.log(Level.DEBUG, message, t);
    }
}
