package dev.llmrouter.camel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Collects every log event of the JVM's Log4j context while open (events at WARN and above reach the root). */
final class LogCapture implements AutoCloseable {

    /** One captured event. */
    record Line(Level level, String logger, String message, Throwable thrown) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;

    LogCapture() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        appender = new AbstractAppender("llmrouter-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(new Line(event.getLevel(), event.getLoggerName(), event.getMessage().getFormattedMessage(),
                        event.getThrown()));
            }
        };
        appender.start();
        ctx.getConfiguration().addAppender(appender);
        ctx.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
        ctx.updateLoggers();
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    List<Line> at(Level level) {
        return lines.stream().filter(l -> l.level() == level).toList();
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().removeAppender(appender.getName());
        ctx.updateLoggers();
        appender.stop();
    }
}
