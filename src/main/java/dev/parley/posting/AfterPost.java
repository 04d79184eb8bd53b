package dev.parley.posting;

import dev.parley.comment.CommentStore;
import dev.parley.comment.Poster;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What a post may carry besides the comment (an email address to be told of replies, the page it
 * was posted on) and what is done with it once the comment committed. {@link #read} runs on the
 * caller's thread before anything is stored and refuses bad fields with the protocol's errors;
 * {@link #committed} runs on the same blocking lane as the post, after its commit and before its
 * answer, for new posts and idempotent replays alike (so it must be idempotent).
 */
public interface AfterPost {
    AfterPost NONE = all(List.of());

    /** Checks this part's fields of a post; returns what {@link #committed} needs, or null for nothing. */
    Object read(JsonObject post);

    /** Acts on a committed post; {@code read} is what {@link #read} returned. May block. */
    void committed(CommentStore.Posted posted, Poster poster, Object read);

    /** Several parts, each reading its own fields and acting on its own result, in order. */
    static AfterPost all(List<AfterPost> parts) {
        return new AfterPost() {
            @Override
            public Object read(JsonObject post) {
                Object[] reads = new Object[parts.size()];
                for (int i = 0; i < reads.length; i++) {
                    reads[i] = parts.get(i).read(post);
                }
                return reads;
            }

            @Override
            public void committed(CommentStore.Posted posted, Poster poster, Object read) {
                Object[] reads = (Object[]) read;
                for (int i = 0; i < reads.length; i++) {
                    if (reads[i] != null) {
                        parts.get(i).committed(posted, poster, reads[i]);
                    }
                }
            }
        };
    }
}
