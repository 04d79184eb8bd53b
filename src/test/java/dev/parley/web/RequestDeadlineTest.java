package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The request deadlines on a connection's own clock (EmbeddedChannel's): a request that stops
 * half-way is closed, a whole one is not, and a connection a WebSocket took over mid-request (the
 * deadline handlers leave the pipeline before the upgrade request's end passes them) keeps no
 * deadline: neither a close later nor a timer holding the old HTTP handlers.
 */
class RequestDeadlineTest {
    private static final long HEAD = 10_000;
    private static final long BODY = 30_000;

    private final AtomicInteger timeouts = new AtomicInteger();
    private final RequestDeadline deadline = new RequestDeadline(HEAD, BODY, 600_000, timeouts::incrementAndGet);
    private final EmbeddedChannel channel = new EmbeddedChannel();

    RequestDeadlineTest() {
        channel.pipeline().addLast(RequestDeadline.BEFORE_DECODER, deadline.start);
        channel.pipeline().addLast(RequestDeadline.AFTER_DECODER, deadline.end);
    }

    @Test
    void aRequestWhoseBodyNeverEndsIsClosedAtTheBodyDeadline() {
        startRequest();
        after(BODY + 1);
        assertThat(channel.isActive()).isFalse();
        assertThat(timeouts).hasValue(1);
    }

    @Test
    void aWholeRequestLeavesNoDeadline() {
        startRequest();
        channel.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT);
        after(BODY + HEAD);
        assertThat(channel.isActive()).isTrue();
        assertThat(timeouts).hasValue(0);
    }

    @Test
    void aConnectionTakenOverBeforeItsRequestEndedKeepsNoDeadline() {
        startRequest();
        channel.pipeline().remove(RequestDeadline.BEFORE_DECODER); // as VertxPipeline.takeOver does
        channel.pipeline().remove(RequestDeadline.AFTER_DECODER);
        assertThat(channel.hasPendingTasks()).as("no timer left behind").isFalse();
        after(BODY + HEAD);
        assertThat(channel.isActive()).isTrue();
        assertThat(timeouts).hasValue(0);
    }

    /** The first bytes, then the head as the decoder would pass it on. */
    private void startRequest() {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'G'}));
        channel.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws"));
        channel.inboundMessages().clear();
    }

    private void after(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }
}
