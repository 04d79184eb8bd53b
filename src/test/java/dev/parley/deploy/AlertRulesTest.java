package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Services;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** deploy/prometheus-alerts.yml: well-formed rules, each with a runbook section in docs/operations.md. */
class AlertRulesTest {
    private static final Path RULES = DeployFiles.DEPLOY.resolve("prometheus-alerts.yml");

    static List<Map<String, Object>> rules() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object group : DeployFiles.list(DeployFiles.at(DeployFiles.document(RULES), "groups"))) {
            assertThat(DeployFiles.string(group, "name")).isNotBlank();
            for (Object rule : DeployFiles.list(DeployFiles.at(group, "rules"))) {
                out.add(DeployFiles.map(rule));
            }
        }
        return out;
    }

    static List<String> expressions() {
        return rules().stream().map(r -> DeployFiles.string(r, "expr")).toList();
    }

    @Test
    void everyRuleIsAnAlertWithSeveritySummaryAndRunbook() {
        String operations = DeployFiles.read(DeployFiles.ROOT.resolve("docs/operations.md"));
        Set<String> names = new HashSet<>();
        assertThat(rules()).isNotEmpty();
        for (Map<String, Object> rule : rules()) {
            String name = DeployFiles.string(rule, "alert");
            assertThat(names.add(name)).as("alert %s is unique", name).isTrue();
            assertThat(name).matches("Parley[A-Z][A-Za-z]+");
            assertThat(DeployFiles.string(rule, "for")).matches("\\d+[smh]");
            assertThat(DeployFiles.string(rule, "labels.severity")).isIn("warning", "critical");
            assertThat(DeployFiles.string(rule, "annotations.summary")).isNotBlank();
            assertThat(DeployFiles.string(rule, "annotations.description")).isNotBlank();
            assertThat(DeployFiles.string(rule, "annotations.runbook_url"))
                    .isEqualTo("docs/operations.md#" + name.toLowerCase(Locale.ROOT));
            assertThat(operations).as("docs/operations.md has a section for %s", name).contains("### " + name + "\n");
        }
    }

    @Test
    void coversTheAlertsTheIssueAsksFor() {
        String all = String.join("\n", expressions());
        assertThat(all)
                .as("error rate").contains("parley_posts_rejected_total{reason=~\"internal|unavailable\"}")
                .as("p99 delivery latency").contains("histogram_quantile(0.99", "parley_delivery_latency_seconds_bucket")
                .as("slow consumers").contains("parley_slow_consumer_disconnects_total")
                .as("catch-up storms").contains("parley_catchup_fetches_total")
                .as("storage unavailable").contains("parley_posts_rejected_total{reason=\"unavailable\"}")
                .as("node down").contains("up{job=\"parley\"} == 0");
    }

    /** promtool checks the PromQL too; .ci/run installs it, so CI fails without it. */
    @Test
    void promtoolAcceptsTheRules() throws Exception {
        Path promtool = DeployFiles.tool("promtool").orElse(null);
        if (promtool == null) {
            Services.missing("promtool (apt-get install prometheus)");
        }
        Process p = new ProcessBuilder(promtool.toString(), "check", "rules", RULES.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS: " + rules().size() + " rules found");
    }
}
