package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.parley.Http;
import dev.parley.TestApp;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The OpenAPI document served at /api/v1/openapi.json names exactly the routes the node mounts,
 * with their methods, and every example in it is valid by its own schema; real answers are too.
 */
class OpenApiTest {
    private static final String BASE = "https://parley.test/openapi.json";
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Set<String> OUTSIDE_API = Set.of("/healthz", "/readyz", "/metrics");

    @AutoClose
    TestApp app = TestApp.start();

    private final String text = resource();
    private final JsonObject doc = new JsonObject(text);
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemas(Map.of(BASE, text)));
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void everyRouteTheServerAnswersIsDescribedWithTheSameMethods() {
        Map<String, Set<String>> mounted = new TreeMap<>();
        app.app().apiRoutes().forEach((path, methods) -> mounted.put(path.replaceAll(":(\\w+)", "{$1}"),
                methods.stream().map(HttpMethod::name).map(m -> m.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new))));
        Map<String, Set<String>> described = new TreeMap<>();
        doc.getJsonObject("paths").forEach(path -> {
            if (!OUTSIDE_API.contains(path.getKey())) {
                described.put(path.getKey(), ((JsonObject) path.getValue()).fieldNames().stream()
                        .filter(OPERATIONS::contains).collect(Collectors.toCollection(TreeSet::new)));
            }
        });
        assertThat(described).isEqualTo(mounted);
        for (String path : OUTSIDE_API) {
            assertThat(Http.get(app.baseUrl() + path).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void everyExampleIsValidByItsSchema() {
        List<String> checked = new ArrayList<>();
        walk(doc, "", checked);
        assertThat(checked).hasSizeGreaterThan(40);
    }

    @Test
    void theNodeServesTheDocumentAndItsOwnAnswersMatchIt() {
        var served = Http.get(app.baseUrl() + "/api/v1/openapi.json");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(served.body())).isEqualTo(doc);
        assertThat(doc.getString("openapi")).isEqualTo("3.1.0");

        var posted = Http.postJson(app.baseUrl() + "/api/v1/comments", "{\"thread\":\"t\",\"author\":\"Ann\",\"body\":\"Hi *there*\"}");
        assertValid("/components/schemas/PostedComment", posted.body());
        assertValid("/components/schemas/CommentPage", Http.get(app.baseUrl() + "/api/v1/comments?thread=t").body());
        assertValid("/components/schemas/EventPage", Http.get(app.baseUrl() + "/api/v1/events?thread=t").body());
        assertValid("/components/schemas/ThreadInfo", Http.get(app.baseUrl() + "/api/v1/threads?thread=t").body());
        assertValid("/components/schemas/Counts", Http.get(app.baseUrl() + "/api/v1/counts?thread=t&thread=u").body());
        assertValid("/components/schemas/Error", Http.get(app.baseUrl() + "/api/v1/comments").body());
    }

    /** Every media type with examples, anywhere in the document: each example against that media type's schema. */
    private void walk(Object node, String pointer, List<String> checked) {
        if (node instanceof JsonObject object) {
            if (object.containsKey("schema") && object.getValue("examples") instanceof JsonObject examples) {
                examples.forEach(example -> {
                    Object value = ((JsonObject) example.getValue()).getValue("value");
                    assertValid(pointer + "/schema", io.vertx.core.json.Json.encode(value));
                    checked.add(pointer + "/examples/" + example.getKey());
                });
            }
            object.forEach(e -> walk(e.getValue(), pointer + "/" + escape(e.getKey()), checked));
        } else if (node instanceof io.vertx.core.json.JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                walk(array.getValue(i), pointer + "/" + i, checked);
            }
        }
    }

    private void assertValid(String pointer, String json) {
        Schema schema = registry.getSchema(SchemaLocation.of(BASE + "#" + pointer));
        JsonNode value = mapper.readTree(json);
        assertThat(schema.validate(value)).as(pointer + ": " + json).isEmpty();
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String resource() {
        try (InputStream in = OpenApiTest.class.getResourceAsStream("/openapi.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
