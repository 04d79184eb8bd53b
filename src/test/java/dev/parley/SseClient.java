package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An event-stream reader on a plain socket (or through Java's HTTP client, {@link #get}), parsing
 * text/event-stream as the HTML standard does (id, data, retry, comments), recording each message
 * like {@link WsClient} records frames:
 * {@code presence} messages are kept aside (they come on a timer), every other one must be taken
 * with {@link #next}, and {@link #assertExhausted} fails on leftovers. Heartbeat and goodbye
 * comments are counted and kept.
 */
public final class SseClient implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** One message: its id (null without one) and its data parsed as JSON. */
    public record Message(String id, JsonObject data) {
        public String type() {
            return data.getString("type");
        }
    }

    private final java.io.Closeable connection;
    private final int status;
    private final Map<String, String> headers;
    private final LinkedBlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final List<JsonObject> presence = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> comments = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile Integer retry;
    private final String body;

    private SseClient(java.io.Closeable connection, int status, Map<String, String> headers, String body) {
        this.connection = connection;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** Opens {@code pathAndQuery} (e.g. {@code /api/v1/stream?thread=t&since=0}) with extra header lines. */
    public static SseClient open(int port, String pathAndQuery, String... headerLines) {
        try {
            Socket socket = new Socket();
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAccept: text/event-stream\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String statusLine = in.readLine();
            assertThat(statusLine).as("status line").isNotNull();
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
            }
            String body = null;
            if (status != 200) {
                int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                char[] chars = new char[length];
                int read = 0;
                while (read < length) {
                    int n = in.read(chars, read, length - read);
                    if (n < 0) {
                        break;
                    }
                    read += n;
                }
                body = new String(chars, 0, read);
            }
            SseClient client = new SseClient(socket, status, headers, body);
            if (status == 200) {
                client.startReading(in);
            } else {
                socket.close();
            }
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens {@code url} with Java's HTTP client, which takes whatever framing a proxy in between
     * chose (nginx chunks the stream it passes on).
     */
    public static SseClient get(String url, String... headerNamesAndValues) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Accept", "text/event-stream");
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            request.header(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        try {
            java.net.http.HttpResponse<java.io.InputStream> response = java.net.http.HttpClient.newHttpClient()
                    .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
            java.io.InputStream body = response.body();
            if (response.statusCode() != 200) {
                String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                return new SseClient(body, response.statusCode(), headers, text);
            }
            SseClient client = new SseClient(body, 200, headers, null);
            client.startReading(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)));
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void startReading(BufferedReader in) {
        Thread reader = new Thread(() -> read(in), "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(BufferedReader in) {
        String id = null;
        StringBuilder data = null;
        try {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (data != null) {
                        dispatch(id, data.toString());
                    }
                    id = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1));
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("retry: ")) {
                    retry = Integer.parseInt(line.substring(7));
                } else if (line.startsWith("data: ")) {
                    data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(6));
                } else {
                    throw new AssertionError("not an event-stream line: " + line);
                }
            }
            ended.complete(null);
        } catch (IOException | RuntimeException | AssertionError e) {
            ended.completeExceptionally(e);
        }
    }

    private void dispatch(String id, String data) {
        JsonObject json = new JsonObject(data);
        if ("presence".equals(json.getString("type"))) {
            presence.add(json);
        } else {
            messages.add(new Message(id, json));
        }
    }

    public int status() {
        return status;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase());
    }

    /** The error body of a refused stream. */
    public JsonObject error() {
        return new JsonObject(body).getJsonObject("error");
    }

    public Integer retry() {
        return retry;
    }

    public List<String> comments() {
        return comments;
    }

    public List<JsonObject> presenceMessages() {
        return presence;
    }

    public Message next() {
        try {
            Message m = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (m == null) {
                fail("no message within " + WAIT + (ended.isDone() ? " (the stream ended)" : ""));
            }
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public Message next(String type) {
        Message m = next();
        assertThat(m.type()).as("message %s", m.data()).isEqualTo(type);
        return m;
    }

    public void assertExhausted(Duration quiet) {
        try {
            Message extra = messages.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            if (extra != null) {
                fail("unexpected message: " + extra);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the server ends the stream (a clean end of input, not an error). */
    public void awaitEnd() {
        try {
            ended.get(WAIT.toSeconds() * 2, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the stream did not end cleanly", e);
        }
    }

    public boolean ended() {
        return ended.isDone();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
