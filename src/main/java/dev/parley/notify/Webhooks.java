package dev.parley.notify;

import dev.parley.protocol.Json;
import dev.parley.protocol.ThreadKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * Delivers thread events to one webhook, as {@link Relay} hands them over: a signed JSON POST per
 * event, success meaning a 2xx answer. One request at a time per thread (the relay's order), a
 * timeout on connecting and on the answer's head, and the answer's body never read (closed at
 * once, so a receiver trickling or flooding a body costs nothing): a slow receiver holds a relay
 * thread for the connect timeout plus {@code timeout} at most.
 * Events of kinds the webhook did not choose move its cursor on without a request.
 */
public final class Webhooks implements Relay.Handler {
    public static final String EVENT_ID = "Parley-Event-Id";

    private final Webhook webhook;
    private final HttpClient http;
    private final Signature signature;
    private final Json json;
    private final Duration timeout;
    private final Clock clock;

    public Webhooks(Webhook webhook, HttpClient http, Signature signature, Json json, Duration timeout, Clock clock) {
        this.webhook = webhook;
        this.http = http;
        this.signature = signature;
        this.json = json;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** One client for every webhook: no redirects followed (a receiver answers itself), a bounded connect. */
    public static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void handle(RelayEvent event) throws IOException, InterruptedException {
        if (!webhook.kinds().contains(event.type())) {
            return;
        }
        byte[] body = body(event);
        HttpRequest request = HttpRequest.newBuilder(webhook.url())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Parley-Webhook/1")
                .header(EVENT_ID, event.id())
                .header("Parley-Event", event.type().wire())
                .header(Signature.HEADER, signature.header(clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        if (response.statusCode() / 100 != 2) {
            throw new IOException(webhook + " answered " + response.statusCode());
        }
    }

    /**
     * {@code {"id":"12-3","type":"comment","site":"default","thread":"/post","seq":3,"at":"…","comment":{…}}}:
     * the comment as readers see it now (the same as a replay would carry), on its site.
     */
    byte[] body(RelayEvent event) {
        return json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("id", event.id());
            gen.writeStringField("type", event.type().wire());
            gen.writeStringField("site", ThreadKey.site(event.thread()));
            gen.writeStringField("thread", ThreadKey.thread(event.thread()));
            gen.writeNumberField("seq", event.seq());
            gen.writeStringField("at", Json.time(event.at()));
            gen.writeFieldName("comment");
            Json.writeComment(gen, event.visible());
            gen.writeEndObject();
        });
    }
}
