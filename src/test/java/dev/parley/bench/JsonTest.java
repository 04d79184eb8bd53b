package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tool's own JSON: its result lines read back as written, and agree with Vert.x's reading of them. */
class JsonTest {
    private static Map<String, Object> row() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scenario", "fanout");
        row.put("rate", 20);
        row.put("posts", 12_345_678_901L);
        row.put("p99_ms", 3.25);
        row.put("verdict", null);
        row.put("ok", true);
        row.put("first_error", "said \"no\" \\ twice\n\ttab\u0001");
        return row;
    }

    @Test
    void aResultRowReadsBackAsWritten() {
        String line = Json.encode(row());

        assertThat(line).doesNotContain("\n");
        Map<String, Object> back = Json.object(line);
        Map<String, Object> expected = row();
        expected.put("rate", 20L);
        assertThat(back).containsExactlyEntriesOf(expected);
    }

    @Test
    void anotherParserReadsTheLineTheSame() {
        JsonObject vertx = new JsonObject(Json.encode(row()));

        assertThat(vertx.getString("first_error")).isEqualTo(row().get("first_error"));
        assertThat(vertx.getLong("posts")).isEqualTo(12_345_678_901L);
        assertThat(vertx.getDouble("p99_ms")).isEqualTo(3.25);
        assertThat(vertx.getValue("verdict")).isNull();
    }

    @Test
    void nonFiniteNumbersAreWrittenAsStrings() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("loss_pct", Double.NaN);

        assertThat(Json.encode(row)).isEqualTo("{\"loss_pct\":\"NaN\"}");
    }

    @Test
    void aPageOfCommentsParsesWithNestingEscapesAndSpace() {
        String page = """
                { "comments" : [ {"id": 1, "html": "<p>a \\u00e9 \\/ b</p>", "replies": []},
                                 {"id": 2, "parent": 1, "score": -1.5e2, "deleted": false} ],
                  "next": null }
                """;

        Map<String, Object> parsed = Json.object(page);

        assertThat((List<?>) parsed.get("comments")).hasSize(2);
        Map<?, ?> first = (Map<?, ?>) ((List<?>) parsed.get("comments")).get(0);
        assertThat(first.get("html")).isEqualTo("<p>a é / b</p>");
        assertThat(((Map<?, ?>) ((List<?>) parsed.get("comments")).get(1)).get("score")).isEqualTo(-150.0);
        assertThat(parsed).containsEntry("next", null);
    }

    @Test
    void brokenInputFailsNamingWhere() {
        assertThatThrownBy(() -> Json.parse("{\"a\": 1,}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset 8");
        assertThatThrownBy(() -> Json.parse("{\"a\": \"open")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> Json.parse("[1] x")).hasMessageContaining("trailing");
        assertThatThrownBy(() -> Json.object("[1]")).hasMessageContaining("not a JSON object");
    }
}
