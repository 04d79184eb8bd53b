package dev.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The client side of RFC 6455, just enough for a load tool: sends the upgrade request, checks for
 * {@code 101}, then splits the server's unmasked frames and hands each text payload to its
 * {@link Peer} in place, without copying (fragmented messages, which the server does not send for
 * small frames, are reassembled). Pings are answered with pongs, a close frame with a close frame;
 * the server then closes the TCP connection, so TIME_WAIT lands on its side, not on our ports.
 */
final class WsCodec extends ByteToMessageDecoder {
    private static final int MAX_MESSAGE = 1 << 20;
    private static final byte[] END_OF_HEADERS = Frame.bytes("\r\n\r\n");

    private final Peer peer;
    private final byte[] handshake;
    private boolean open;
    private ByteBuf fragments;

    WsCodec(Peer peer, byte[] handshake) {
        this.peer = peer;
        this.handshake = handshake;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(handshake), ctx.voidPromise());
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!open && !upgrade(ctx, in)) {
            return;
        }
        while (in.readableBytes() >= 2) {
            int r = in.readerIndex();
            int b0 = in.getUnsignedByte(r);
            int b1 = in.getUnsignedByte(r + 1);
            long len = b1 & 0x7f;
            int header = 2;
            if (len == 126) {
                if (in.readableBytes() < 4) {
                    return;
                }
                len = in.getUnsignedShort(r + 2);
                header = 4;
            } else if (len == 127) {
                if (in.readableBytes() < 10) {
                    return;
                }
                len = in.getLong(r + 2);
                header = 10;
            }
            if ((b1 & 0x80) != 0 || len > MAX_MESSAGE) {
                protocolError(ctx, in, "bad frame header from server");
                return;
            }
            if (in.readableBytes() < header + len) {
                return;
            }
            int start = r + header;
            handle(ctx, b0, in, start, (int) len);
            in.readerIndex(start + (int) len);
        }
    }

    private boolean upgrade(ChannelHandlerContext ctx, ByteBuf in) {
        int end = Frame.after(in, in.readerIndex(), in.writerIndex(), END_OF_HEADERS);
        if (end < 0) {
            if (in.readableBytes() > 16384) {
                protocolError(ctx, in, "no end of HTTP headers");
            }
            return false;
        }
        String head = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.ISO_8859_1);
        in.readerIndex(end);
        if (!head.startsWith("HTTP/1.1 101")) {
            peer.fail("upgrade refused: " + head.lines().findFirst().orElse(""));
            in.skipBytes(in.readableBytes());
            ctx.close();
            return false;
        }
        open = true;
        peer.opened(ctx.channel());
        return true;
    }

    private void handle(ChannelHandlerContext ctx, int b0, ByteBuf in, int start, int len) {
        boolean fin = (b0 & 0x80) != 0;
        switch (b0 & 0x0f) {
            case 0x1 -> {
                if (fin) {
                    peer.text(in, start, start + len);
                } else {
                    fragments = ctx.alloc().buffer(len * 2).writeBytes(in, start, len);
                }
            }
            case 0x0 -> {
                if (fragments != null) {
                    fragments.writeBytes(in, start, len);
                    if (fin) {
                        peer.text(fragments, fragments.readerIndex(), fragments.writerIndex());
                        fragments.release();
                        fragments = null;
                    }
                }
            }
            case 0x8 -> {
                peer.closeCode = len >= 2 ? in.getUnsignedShort(start) : 1005;
                if (!peer.closing) {
                    peer.closing = true;
                    byte[] code = len >= 2 ? ByteBufUtil.getBytes(in, start, 2) : new byte[0];
                    ctx.writeAndFlush(Peer.frame(ctx.channel(), 0x88, code), ctx.voidPromise());
                }
            }
            case 0x9 -> ctx.writeAndFlush(Peer.frame(ctx.channel(), 0x8A, ByteBufUtil.getBytes(in, start, len)),
                    ctx.voidPromise());
            default -> {
                // pong or binary: nothing to do
            }
        }
    }

    private void protocolError(ChannelHandlerContext ctx, ByteBuf in, String why) {
        peer.fail(why);
        in.skipBytes(in.readableBytes());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (fragments != null) {
            fragments.release();
            fragments = null;
        }
        super.channelInactive(ctx);
        peer.disconnected();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        peer.fail(cause.toString());
        ctx.close();
    }
}
