package dev.parley.realtime;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an event stream's Netty pipeline once Parley owns it. The client has
 * nothing more to say after its GET: whatever it sends is read and dropped (nothing is kept), so
 * its end of the connection is still noticed at once and the session closes with it.
 */
final class EventStreamHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(EventStreamHandler.class);

    private final Shard shard;
    private final Session session;

    EventStreamHandler(Shard shard, Session session) {
        this.shard = shard;
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        shard.closed(session);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("event stream failure: {}", cause.toString());
        session.outbox().markClosed(-1);
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        // Vert.x announces its server's shutdown to every channel it accepted; streams drain with
        // the shard's sessions, so the event is not passed on.
        ReferenceCountUtil.release(event);
    }
}
