package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The selector finder the dashboard and alert checks rely on: it must find every name, and only names. */
class PromQlTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " -> ", value = {
        "up{job=\"parley\"} == 0 -> up",
        "absent(up{job=\"parley\"} == 1) -> up",
        "sum by (instance) (rate(a_total{reason=~\"x|y\"}[5m])) > 0 or sum(b_total) -> a_total b_total",
        "sum(rate(a_total[5m])) by (le, instance) -> a_total",
        "histogram_quantile(0.99, sum by (le) (rate(h_seconds_bucket{job=~\"$job\"}[$__rate_interval]))) -> h_seconds_bucket",
        "a / on(instance) group_left(version) b -> a b",
        "60 * sum(rate(c_total[1m] offset 5m)) + 1e3 -> c_total",
        "x{area=\"heap\", id=~\"G1 (Old|Eden).*\"} > 0 unless y -> x y",
        "rate(a_total[5m:30s]) -> a_total",
        "max(x_max{label=\"a)b{c}\"}) -> x_max",
    })
    void findsEveryMetricNameAndNothingElse(String expr, String names) {
        assertThat(PromQl.metrics(expr)).containsExactly(names.split(" "));
    }

    @Test
    void recordsMatchersAndTheEnclosingFunction() {
        PromQl.Selector s = PromQl.selectors(
                "sum by (reason) (rate(parley_posts_rejected_total{reason=~\"internal|unavailable\", job!=\"x\"}[5m]))").get(0);
        assertThat(s.metric()).isEqualTo("parley_posts_rejected_total");
        assertThat(s.function()).isEqualTo("rate");
        assertThat(s.matchers()).containsExactly(
                new PromQl.Matcher("reason", "=~", "internal|unavailable"), new PromQl.Matcher("job", "!=", "x"));
        assertThat(PromQl.selectors("sum(a) + (b)")).extracting(PromQl.Selector::function).containsExactly("sum", "");
    }

    @Test
    void refusesWhatItCannotCheck() {
        assertThatThrownBy(() -> PromQl.selectors("{__name__=~\"parley_.*\"}")).hasMessageContaining("without a metric name");
        assertThatThrownBy(() -> PromQl.selectors("sum(rate(a[5m])")).hasMessageContaining("unbalanced");
        assertThatThrownBy(() -> PromQl.selectors("a{b=\"c}")).hasMessageContaining("no }");
        assertThat(PromQl.selectors("vector(1)")).isEqualTo(List.of());
    }
}
