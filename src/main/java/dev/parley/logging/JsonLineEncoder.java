package dev.parley.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line ({@code PARLEY_LOG_FORMAT=json}): {@code timestamp} in ISO-8601 (UTC,
 * milliseconds), {@code level}, {@code threadName}, {@code loggerName}, {@code node} (this node's
 * id), {@code requestId} (when the line belongs to an HTTP request), {@code formattedMessage},
 * {@code kvpList} (structured fields, as strings) and {@code throwable} (the stack, or null).
 * Logback's JsonEncoder writes epoch milliseconds and no node; log collectors read ISO-8601.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
    private static final byte[] NOTHING = new byte[0];
    private final JsonFactory json = new JsonFactory();

    @Override
    public byte[] headerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] footerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator gen = json.createGenerator(out, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            gen.writeStringField("timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            gen.writeStringField("level", event.getLevel().toString());
            gen.writeStringField("threadName", event.getThreadName());
            gen.writeStringField("loggerName", event.getLoggerName());
            String node = event.getLoggerContextVO().getPropertyMap().get(LogContext.NODE);
            if (node != null) {
                gen.writeStringField("node", node);
            }
            Map<String, String> mdc = event.getMDCPropertyMap();
            String requestId = mdc == null ? null : mdc.get(LogContext.REQUEST_ID);
            if (requestId != null) {
                gen.writeStringField("requestId", requestId);
            }
            gen.writeStringField("formattedMessage", event.getFormattedMessage());
            gen.writeArrayFieldStart("kvpList");
            if (event.getKeyValuePairs() != null) {
                for (KeyValuePair pair : event.getKeyValuePairs()) {
                    gen.writeStartObject();
                    gen.writeStringField(pair.key, String.valueOf(pair.value));
                    gen.writeEndObject();
                }
            }
            gen.writeEndArray();
            IThrowableProxy thrown = event.getThrowableProxy();
            gen.writeStringField("throwable", thrown == null ? null : ThrowableProxyUtil.asString(thrown));
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }
}
