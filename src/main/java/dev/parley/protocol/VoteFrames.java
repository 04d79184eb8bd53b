package dev.parley.protocol;

import java.util.List;

/** The REST bodies of votes and scores (docs/protocol.md, "Votes"). */
public final class VoteFrames {
    private final Json json;

    public VoteFrames(Json json) {
        this.json = json;
    }

    /**
     * A voter's own answer: the comment's counts now and their vote (1, -1 or 0), and, only when the
     * vote minted them an author id, its {@code authorToken} (never in any other answer).
     */
    public byte[] vote(Score s, int vote, String authorToken) {
        return json.write(gen -> {
            gen.writeStartObject();
            Frames.writeScoreFields(gen, s);
            gen.writeNumberField("vote", vote);
            if (authorToken != null) {
                gen.writeStringField("authorToken", authorToken);
            }
            gen.writeEndObject();
        });
    }

    /** {@code {"thread":T,"scoreSeq":V,"scores":[...],"more":M}}. */
    public byte[] scores(String thread, long scoreSeq, List<Score> scores, boolean more) {
        return json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("thread", ThreadKey.thread(thread));
            gen.writeNumberField("scoreSeq", scoreSeq);
            writeScores(gen, scores);
            gen.writeBooleanField("more", more);
            gen.writeEndObject();
        });
    }

    /**
     * The "Top" order: {@code comments} (each top-level one followed by its replies, each already
     * encoded by {@link Frames#comment}), their scores,
     * whether more top-level comments follow ({@code next}: the offset to ask for them) and whether
     * replies were left out.
     */
    public byte[] top(String thread, long seq, long scoreSeq, List<byte[]> comments, List<Score> scores, boolean more,
                      int next, boolean repliesCut) {
        return json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("thread", ThreadKey.thread(thread));
            gen.writeNumberField("seq", seq);
            gen.writeNumberField("scoreSeq", scoreSeq);
            gen.writeStringField("order", "top");
            gen.writeArrayFieldStart("comments");
            for (byte[] c : comments) {
                gen.writeRawValue(new String(c, java.nio.charset.StandardCharsets.UTF_8)); // encoded by Frames.comment
            }
            gen.writeEndArray();
            writeScores(gen, scores);
            gen.writeBooleanField("more", more);
            gen.writeNumberField("next", next);
            gen.writeBooleanField("repliesCut", repliesCut);
            gen.writeEndObject();
        });
    }

    private static void writeScores(com.fasterxml.jackson.core.JsonGenerator gen, List<Score> scores)
            throws java.io.IOException {
        gen.writeArrayFieldStart("scores");
        for (Score s : scores) {
            gen.writeStartObject();
            Frames.writeScoreFields(gen, s);
            gen.writeEndObject();
        }
        gen.writeEndArray();
    }
}
