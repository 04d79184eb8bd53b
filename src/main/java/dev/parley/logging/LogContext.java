package dev.parley.logging;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * What every log line says about where it comes from: this node's id (a property of the logging
 * context: one node per process in production; tests that run several share the last one's) and,
 * for a line written on behalf of an HTTP request, the request's id (in the MDC while its work runs).
 */
public final class LogContext {
    public static final String NODE = "node";
    public static final String REQUEST_ID = "requestId";

    private LogContext() {
    }

    public static void node(String nodeId) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.putProperty(NODE, nodeId);
        }
    }
}
