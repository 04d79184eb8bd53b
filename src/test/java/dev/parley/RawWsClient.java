package dev.parley;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client at the byte level, for what a well-behaved client library will not do: read
 * nothing for a while (with a tiny receive buffer), or send a single frame of any size.
 */
public final class RawWsClient implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
        }
    }

    private RawWsClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** The upgrade answer's header lines, as the server sent them. */
    private String handshake = "";

    public String handshake() {
        return handshake;
    }

    /** Opens a socket whose receive buffer is {@code receiveBuffer} bytes and upgrades it. */
    public static RawWsClient connect(int port, int receiveBuffer) throws IOException {
        return connect(port, receiveBuffer, "");
    }

    /** Like {@link #connect(int, int)}, with extra request header lines ("Name: value\r\n"). */
    public static RawWsClient connect(int port, int receiveBuffer, String extraHeaders) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(20_000);
        RawWsClient client = new RawWsClient(socket);
        String key = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(16));
        client.out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                + extraHeaders + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        client.out.flush();
        client.handshake = client.readHeaders();
        String status = client.handshake.split("\r\n")[0];
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + status);
        }
        return client;
    }

    /** Connects, retrying refusals for up to ten seconds (a slot the server frees a moment later). */
    public static RawWsClient connectWithin(int port) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                return connect(port, 65536);
            } catch (IOException refused) {
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
                Thread.sleep(20);
            }
        }
    }

    private String readHeaders() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("closed during handshake");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    public void sendText(String text) throws IOException {
        sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one masked frame with FIN set, whatever its size. */
    public void sendFrame(int opcode, byte[] payload) throws IOException {
        sendFrame(opcode, payload, true);
    }

    /** Sends one masked frame; {@code fin} false makes it a fragment of a longer message. */
    public void sendFrame(int opcode, byte[] payload, boolean fin) throws IOException {
        write(opcode, payload, fin, true);
    }

    /** Sends a frame without a mask, which RFC 6455 forbids clients to do. */
    public void sendUnmasked(int opcode, byte[] payload) throws IOException {
        write(opcode, payload, true, false);
    }

    private void write(int opcode, byte[] payload, boolean fin, boolean masked) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        int maskBit = masked ? 0x80 : 0;
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length < 65536) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift));
            }
        }
        byte[] mask = masked ? new SecureRandom().generateSeed(4) : new byte[4];
        if (masked) {
            frame.write(mask);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Reads the next frame from the server (which never masks). */
    public Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0x0F, payload);
    }

    /** Reads frames until a close frame and returns its code; -1 if the socket ends first. */
    public int readUntilClose() throws IOException {
        try {
            while (true) {
                Frame frame = readFrame();
                if (frame.opcode() == 0x8) {
                    return frame.closeCode();
                }
            }
        } catch (EOFException e) {
            return -1;
        }
    }

    public InputStream input() {
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
