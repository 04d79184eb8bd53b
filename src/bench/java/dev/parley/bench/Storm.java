package dev.parley.bench;

import static dev.parley.bench.Report.millis;
import static dev.parley.bench.Report.round;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A connection storm: clients connect, upgrade and subscribe with a bounded number in flight (as
 * after a server restart, when every reader reconnects at once); the time until all are subscribed.
 */
final class Storm {
    record Plan(int clients, int inFlight, int threads, int warmupClients) {
    }

    static final List<Report.Column> COLUMNS = List.of(
            Report.col("clients", "clients", 0), Report.col("in flight", "in_flight", 0),
            Report.col("subscribed", "ready", 0), Report.col("failed", "failed", 0),
            Report.col("seconds", "seconds", 3), Report.col("clients/s", "per_s", 0),
            Report.col("p50 ms", "p50_ms", 2), Report.col("p99 ms", "p99_ms", 2), Report.col("max ms", "max_ms", 2),
            Report.col("srv CPU %", "server_cpu_pct", 1), Report.col("srv µs/client", "server_us_per_client", 1),
            Report.col("tool CPU %", "tool_cpu_pct", 1), Report.col("others CPU %", "others_cpu_pct", 1));

    private final Plan plan;
    private final Target target;
    private final Report report;

    Storm(Plan plan, Target target, Report report) {
        this.plan = plan;
        this.target = target;
        this.report = report;
    }

    void run() throws Exception {
        Run run = new Run("bench/storm-" + Long.toHexString(System.nanoTime()), plan.threads());
        List<Subscriber> clients = Idle.subscribers(run, plan.clients());
        try (Net net = target.net()) {
            if (plan.warmupClients() > 0) {
                Run warmRun = new Run("bench/storm-warmup-" + Long.toHexString(System.nanoTime()), plan.threads());
                List<Subscriber> warm = Idle.subscribers(warmRun, plan.warmupClients());
                net.launch(warm, plan.inFlight()).get(120 + warm.size() / 50, TimeUnit.SECONDS);
                Net.closeAll(warm, Duration.ofSeconds(15));
                Thread.sleep(1000);
            }
            Proc.Cpu c0 = Proc.Cpu.now(target.pid());
            Net.Launch launch = net.launch(clients, plan.inFlight()).get(120 + clients.size() / 50, TimeUnit.SECONDS);
            Proc.Cpu c1 = Proc.Cpu.now(target.pid());
            Map<String, Object> row = report.row();
            row.put("clients", plan.clients());
            row.put("in_flight", plan.inFlight());
            row.put("ready", launch.ready.get());
            row.put("failed", launch.failed.get());
            row.put("first_error", launch.firstError);
            row.put("seconds", round(launch.seconds(), 3));
            row.put("per_s", round(launch.ready.get() / launch.seconds(), 0));
            row.put("p50_ms", millis(launch.latency.percentile(0.5)));
            row.put("p99_ms", millis(launch.latency.percentile(0.99)));
            row.put("max_ms", millis(launch.latency.max()));
            row.put("server_cpu_pct", round(c1.serverPercent(c0), 1));
            row.put("server_us_per_client", round(c1.serverMicros(c0) / Math.max(1, launch.ready.get()), 1));
            row.put("tool_cpu_pct", round(c1.toolPercent(c0), 1));
            row.put("others_cpu_pct", round(c1.othersPercent(c0), 1));
            report.add(row);
            Net.closeAll(clients, Duration.ofSeconds(15));
        }
    }
}
