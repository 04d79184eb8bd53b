package dev.parley.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Encodes the server's frames and REST bodies. Each method returns the UTF-8 bytes of one JSON
 * object; a broadcast frame is encoded once and the same bytes go to every subscriber.
 */
public final class Frames {
    private final Json json;

    public Frames(Json json) {
        this.json = json;
    }

    public byte[] event(ThreadEvent e) {
        return json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("type", e.type().wire());
            gen.writeStringField("thread", ThreadKey.thread(e.thread()));
            gen.writeNumberField("seq", e.seq());
            gen.writeFieldName("comment");
            Json.writeComment(gen, e.comment());
            gen.writeEndObject();
        });
    }

    /**
     * {@code pingEveryMs} and {@code pongTimeoutMs} (additive): the server's heartbeat, so a client
     * can tell a dead link from a quiet one without knowing the server's settings.
     */
    public byte[] subscribed(String thread, long seq, long online, boolean reset, long pingEveryMs,
                             long pongTimeoutMs) {
        return json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("type", "subscribed");
            gen.writeStringField("thread", ThreadKey.thread(thread));
            gen.writeNumberField("seq", seq);
            gen.writeNumberField("online", online);
            gen.writeBooleanField("reset", reset);
            gen.writeNumberField("pingEveryMs", pingEveryMs);
            gen.writeNumberField("pongTimeoutMs", pongTimeoutMs);
            gen.writeEndObject();
        });
    }

    public byte[] unsubscribed(String thread) {
        return json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("type", "unsubscribed");
            gen.writeStringField("thread", ThreadKey.thread(thread));
            gen.writeEndObject();
        });
    }

    public byte[] presence(String thread, long online) {
        return json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("type", "presence");
            gen.writeStringField("thread", ThreadKey.thread(thread));
            gen.writeNumberField("online", online);
            gen.writeEndObject();
        });
    }

    /**
     * The poster's own answer: the only frame that carries their author token, and until when
     * that token may edit or delete the comment.
     */
    public byte[] ack(String requestId, Comment comment, String authorToken, Instant editableUntil) {
        return json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("type", "ack");
            writeRequestId(gen, requestId);
            gen.writeFieldName("comment");
            Json.writeComment(gen, comment);
            writeOwnership(gen, authorToken, editableUntil);
            gen.writeEndObject();
        });
    }

    /** The poster's own REST answer: the comment's fields plus their author token and edit deadline. */
    public byte[] postedComment(Comment c, String authorToken, Instant editableUntil) {
        return json.write(gen -> {
            gen.writeStartObject();
            Json.writeCommentFields(gen, c);
            writeOwnership(gen, authorToken, editableUntil);
            gen.writeEndObject();
        });
    }

    private static void writeOwnership(JsonGenerator gen, String authorToken, Instant editableUntil) throws IOException {
        if (authorToken != null) {
            gen.writeStringField("authorToken", authorToken);
            gen.writeStringField("editableUntil", Json.time(editableUntil));
        }
    }

    public byte[] error(String requestId, ErrorCode code, String message) {
        return json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("type", "error");
            writeRequestId(gen, requestId);
            gen.writeStringField("code", code.wire());
            gen.writeStringField("message", message);
            gen.writeEndObject();
        });
    }

    private static void writeRequestId(JsonGenerator gen, String requestId) throws IOException {
        if (requestId != null) {
            gen.writeStringField("id", requestId);
        }
    }

    // ---- REST bodies ----

    public byte[] comment(Comment c) {
        return json.write(gen -> Json.writeComment(gen, c));
    }

    /**
     * {@code {"thread":T,"seq":S,"comments":[...],"more":M}} from comments encoded one by one
     * ({@link #comment}): a cached page is sliced and joined without encoding anything again.
     * {@code more}: comments after these exist (the page stopped at its count or its byte cap).
     */
    public byte[] commentPage(String thread, long seq, List<byte[]> comments, boolean more) {
        byte[] quotedThread = json.write(gen -> gen.writeString(ThreadKey.thread(thread)));
        byte[] seqAndOpen = (",\"seq\":" + seq + ",\"comments\":[").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] head = new byte[THREAD_KEY.length + quotedThread.length + seqAndOpen.length];
        System.arraycopy(THREAD_KEY, 0, head, 0, THREAD_KEY.length);
        System.arraycopy(quotedThread, 0, head, THREAD_KEY.length, quotedThread.length);
        System.arraycopy(seqAndOpen, 0, head, THREAD_KEY.length + quotedThread.length, seqAndOpen.length);
        byte[] tail = ("],\"more\":" + more + "}").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int size = head.length + tail.length + Math.max(0, comments.size() - 1);
        for (byte[] c : comments) {
            size += c.length;
        }
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(size).put(head);
        for (int i = 0; i < comments.size(); i++) {
            if (i > 0) {
                out.put((byte) ',');
            }
            out.put(comments.get(i));
        }
        return out.put(tail).array();
    }

    private static final byte[] THREAD_KEY = "{\"thread\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    public byte[] eventPage(String thread, long seq, List<ThreadEvent> events) {
        return json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("thread", ThreadKey.thread(thread));
            gen.writeNumberField("seq", seq);
            gen.writeArrayFieldStart("events");
            for (ThreadEvent e : events) {
                gen.writeStartObject();
                gen.writeNumberField("seq", e.seq());
                gen.writeStringField("type", e.type().wire());
                gen.writeFieldName("comment");
                Json.writeComment(gen, e.comment());
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        });
    }

    public byte[] threadInfo(String thread, long seq, long count, long online, boolean locked) {
        return threadInfo(thread, seq, count, online, locked, 0);
    }

    /** {@code scoreSeq} (additive): the thread's score version, 0 while nobody has voted in it. */
    public byte[] threadInfo(String thread, long seq, long count, long online, boolean locked, long scoreSeq) {
        return json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("thread", ThreadKey.thread(thread));
            gen.writeNumberField("seq", seq);
            gen.writeNumberField("count", count);
            gen.writeNumberField("online", online);
            gen.writeBooleanField("locked", locked);
            gen.writeNumberField("scoreSeq", scoreSeq);
            gen.writeEndObject();
        });
    }

    /**
     * {@code {"type":"score","thread":T,"comment":ID,"up":U,"down":D,"scoreSeq":V}}: a comment's
     * counts now. Not a thread event: it takes no seq (docs/protocol.md, "Votes").
     */
    public byte[] score(Score s) {
        return json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("type", "score");
            gen.writeStringField("thread", ThreadKey.thread(s.thread()));
            writeScoreFields(gen, s);
            gen.writeEndObject();
        });
    }

    static void writeScoreFields(JsonGenerator gen, Score s) throws IOException {
        gen.writeNumberField("comment", s.commentId());
        gen.writeNumberField("up", s.up());
        gen.writeNumberField("down", s.down());
        gen.writeNumberField("scoreSeq", s.scoreSeq());
    }

    /** {@code {"html": H}}: a draft's sanitized HTML. */
    public byte[] preview(String html) {
        return json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("html", html);
            gen.writeEndObject();
        });
    }

    /** {@code {"counts":{thread: n, ...}}}, in the order asked. */
    public byte[] counts(Map<String, Long> counts) {
        return json.write(gen -> {
            gen.writeStartObject();
            gen.writeObjectFieldStart("counts");
            for (Map.Entry<String, Long> count : counts.entrySet()) {
                gen.writeNumberField(ThreadKey.thread(count.getKey()), count.getValue());
            }
            gen.writeEndObject();
            gen.writeEndObject();
        });
    }

    public byte[] restError(ErrorCode code, String message) {
        return json.write(gen -> {
            gen.writeStartObject();
            gen.writeObjectFieldStart("error");
            gen.writeStringField("code", code.wire());
            gen.writeStringField("message", message);
            gen.writeEndObject();
            gen.writeEndObject();
        });
    }
}
