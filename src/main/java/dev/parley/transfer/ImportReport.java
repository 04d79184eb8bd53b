package dev.parley.transfer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * What an import did, or for a dry run would do: {@code threads} that get comments,
 * {@code comments} stored, {@code alreadyImported} found from an earlier run (not stored again),
 * {@code skipped} by reason, {@code renamed}: names replaced because they were empty or broke the
 * name rules, {@code reparented}: replies whose parent was skipped, attached higher up.
 * {@code compared}: whether the file was compared with the database (a dry run from the command
 * line without a node reads the file only).
 */
public record ImportReport(String format, String site, boolean dryRun, boolean compared, int threads, int comments,
                           int alreadyImported, Map<String, Integer> skipped, int renamed, int reparented,
                           List<String> warnings) {

    public JsonObject toJson() {
        return new JsonObject().put("format", format).put("site", site).put("dryRun", dryRun).put("compared", compared)
                .put("threads", threads).put("comments", comments).put("alreadyImported", alreadyImported)
                .put("skipped", new JsonObject(Map.copyOf(skipped).entrySet().stream().collect(
                        java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> (Object) e.getValue()))))
                .put("renamed", renamed).put("reparented", reparented).put("warnings", new JsonArray(warnings));
    }

    public static ImportReport fromJson(JsonObject json) {
        Map<String, Integer> skipped = new java.util.TreeMap<>();
        json.getJsonObject("skipped", new JsonObject()).forEach(e -> skipped.put(e.getKey(), ((Number) e.getValue()).intValue()));
        return new ImportReport(json.getString("format"), json.getString("site"), json.getBoolean("dryRun", false),
                json.getBoolean("compared", true), json.getInteger("threads", 0), json.getInteger("comments", 0),
                json.getInteger("alreadyImported", 0), skipped, json.getInteger("renamed", 0),
                json.getInteger("reparented", 0), json.getJsonArray("warnings", new JsonArray()).stream()
                .map(String::valueOf).toList());
    }

    /** For people: what was (or would be) imported, then what was left out and why. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(dryRun ? "dry run, nothing written: would import " : "imported ").append(comments)
                .append(comments == 1 ? " comment" : " comments").append(" into ").append(threads)
                .append(threads == 1 ? " thread" : " threads").append(" (").append(format).append(", site ")
                .append(site).append(")\n");
        if (compared) {
            b.append("  already imported before: ").append(alreadyImported).append('\n');
        } else {
            b.append("  not compared with the database: comments imported before are counted above, and a real run"
                    + " would skip them\n");
        }
        skipped.forEach((reason, count) -> b.append("  skipped, ").append(reason).append(": ").append(count).append('\n'));
        b.append("  names replaced: ").append(renamed).append('\n');
        b.append("  replies attached higher up (their parent was skipped): ").append(reparented).append('\n');
        warnings.forEach(w -> b.append("  warning: ").append(w).append('\n'));
        return b.toString();
    }
}
