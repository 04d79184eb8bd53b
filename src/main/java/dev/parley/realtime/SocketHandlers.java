package dev.parley.realtime;

import io.netty.channel.ChannelHandler;

/** What a WebSocket's Netty pipeline holds once Parley owns it: frame encoder, decoder, and its handler. */
public record SocketHandlers(ChannelHandler encoder, ChannelHandler decoder, ChannelHandler handler) {
}
