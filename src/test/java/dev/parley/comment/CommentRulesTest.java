package dev.parley.comment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.ApiException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommentRulesTest {

    private static JsonObject post(Object thread, Object author, Object body) {
        return new JsonObject().put("thread", thread).put("author", author).put("body", body);
    }

    private static void assertRefused(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code().wire()).isEqualTo(code));
    }

    @Test
    void trimsAuthorAndBodyAndKeepsTheRest() {
        NewComment c = CommentRules.newComment(post("blog/hello", "  Ann ", "\n body \t"), "key-1");
        assertThat(c).isEqualTo(new NewComment("blog/hello", null, "Ann", "body", "key-1"));
    }

    @Test
    void threadKeysAreOneTo256CodePointsWithoutControlCharacters() {
        assertThat(CommentRules.thread("x".repeat(256))).hasSize(256);
        assertThat(CommentRules.thread("路径/文章")).isEqualTo("路径/文章");
        assertThat(CommentRules.thread("😀".repeat(256))).hasSize(512);
        assertRefused(() -> CommentRules.thread("x".repeat(257)), "invalid_thread");
        assertRefused(() -> CommentRules.thread(""), "invalid_thread");
        assertRefused(() -> CommentRules.thread(null), "invalid_thread");
        assertRefused(() -> CommentRules.thread(12), "invalid_thread");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\nb", "tab\there", "del\u007F", "c1\u0085", "c1\u009F", "esc\u001B"})
    void refusesControlCharactersInThreadKeys(String key) {
        assertRefused(() -> CommentRules.thread(key), "invalid_thread");
    }

    @Test
    void authorAndBodyLengthsCountCodePointsAfterTrimming() {
        CommentRules.newComment(post("t", "😀".repeat(64), "b"), null);
        assertRefused(() -> CommentRules.newComment(post("t", "😀".repeat(65), "b"), null), "invalid_author");
        assertRefused(() -> CommentRules.newComment(post("t", "   ", "b"), null), "invalid_author");
        CommentRules.newComment(post("t", "a", " " + "x".repeat(8000) + " "), null);
        assertRefused(() -> CommentRules.newComment(post("t", "a", "x".repeat(8001)), null), "invalid_body");
        assertRefused(() -> CommentRules.newComment(post("t", "a", false), null), "invalid_body");
    }

    @Test
    void parentIsNullOrAPositiveInteger() {
        assertThat(CommentRules.parent(null)).isNull();
        assertThat(CommentRules.parent(5)).isEqualTo(5L);
        assertThat(CommentRules.parent(9_007_199_254_740_991L)).isEqualTo(9_007_199_254_740_991L);
        assertRefused(() -> CommentRules.parent("5"), "invalid_parent");
        assertRefused(() -> CommentRules.parent(1.5), "invalid_parent");
        assertRefused(() -> CommentRules.parent(0), "invalid_parent");
        assertRefused(() -> CommentRules.parent(-3), "invalid_parent");
    }

    @Test
    void idempotencyKeysArePrintableAsciiUpTo64() {
        assertThat(CommentRules.key(null)).isNull();
        assertThat(CommentRules.key("a-Z_0.9~!")).isEqualTo("a-Z_0.9~!");
        assertThat(CommentRules.key("k".repeat(64))).hasSize(64);
        assertRefused(() -> CommentRules.key(""), "invalid_key");
        assertRefused(() -> CommentRules.key("k".repeat(65)), "invalid_key");
        assertRefused(() -> CommentRules.key("ключ"), "invalid_key");
        assertRefused(() -> CommentRules.key("tab\t"), "invalid_key");
    }
}
