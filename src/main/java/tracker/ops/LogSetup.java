package tracker.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * Logging set up in code (found by logback through ServiceLoader): one line per event on stdout, plain text until
 * {@link #use} switches to JSON for log shippers (LOG_FORMAT=json, read by Config). A -Dlogback.configurationFile
 * still takes precedence.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
    /** Libraries that talk a lot at INFO; their warnings still show. */
    private static final Map<String, Level> QUIET = Map.of(
            "org.eclipse.jetty", Level.WARN, "io.javalin", Level.WARN, "org.flywaydb", Level.WARN,
            "okhttp3", Level.WARN, "mockwebserver3", Level.WARN, "org.jdbi", Level.WARN);
    private static final String APPENDER = "stdout";

    /** LOG_FORMAT: one line of text per event, or one JSON object per line. */
    public enum Format { TEXT, JSON }

    /** Switches the stdout appender to {@code format}; called once the configuration has been read. */
    public static void use(Format format) {
        if (format != Format.JSON || System.getProperty("logback.configurationFile") != null) return;
        if (!(org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
        var out = (ConsoleAppender<ILoggingEvent>) context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(APPENDER);
        if (out == null) return;
        out.stop();
        out.setEncoder(jsonEncoder(context));
        out.start();
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
        out.setContext(context);
        out.setName(APPENDER);
        out.setEncoder(textEncoder(context));
        out.start();
        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(out);
        QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(context);
        e.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{20} - %msg%n");
        e.start();
        return e;
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        JsonEncoder e = new JsonEncoder();
        e.setContext(context);
        e.setWithSequenceNumber(false);
        e.setWithNanoseconds(false);
        e.setWithContext(false);
        e.setWithMessage(false); // the formatted message says it all; the raw pattern and arguments would repeat it
        e.setWithArguments(false);
        e.setWithFormattedMessage(true);
        e.start();
        return e;
    }
}
