package dev.parley.config;

/**
 * {@code --help} and the settings tables of docs/configuration.md, both written from the
 * {@link Setting} table (ConfigurationDocsTest checks the docs against {@link #markdown()}).
 */
public final class Help {
    private Help() {
    }

    public static String text() {
        StringBuilder out = new StringBuilder("""
                Parley - real-time comments.

                Usage: java -jar parley.jar [--help | --version | import … | export … | backup …]
                (the commands are described at the end)

                Configuration comes from environment variables:
                """);
        for (Setting.Group group : Setting.Group.values()) {
            out.append("\n").append(group.title).append(":\n");
            for (Setting s : Setting.values()) {
                if (s.group != group) {
                    continue;
                }
                String doc = s.doc.replace("`", "").replace("**", "");
                out.append(String.format("  %-28s %s%n", s.variable(), doc));
                String range = s.type.range().isEmpty() ? "" : s.type.range() + "; ";
                out.append(String.format("  %-28s (%sdefault %s)%n", "", range,
                        s.fallbackDoc.isEmpty() ? "none" : s.fallbackDoc));
            }
        }
        return out.toString();
    }

    /** One table per group: variable, default, allowed values, meaning. */
    public static String markdown() {
        StringBuilder out = new StringBuilder();
        for (Setting.Group group : Setting.Group.values()) {
            out.append("### ").append(group.title).append("\n\n")
                    .append("| variable | default | values | meaning |\n|---|---|---|---|\n");
            for (Setting s : Setting.values()) {
                if (s.group == group) {
                    out.append("| `").append(s.variable()).append("` | ")
                            .append(s.fallbackDoc.isEmpty() ? "none" : "`" + s.fallbackDoc + "`").append(" | ")
                            .append(s.type.range().replace("|", "\\|")).append(" | ")
                            .append(s.doc).append(" |\n");
                }
            }
            out.append("\n");
        }
        return out.toString();
    }
}
