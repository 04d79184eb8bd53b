package dev.parley.bench;

import static dev.parley.bench.Report.round;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Idle memory: many subscribed connections that do nothing, held open; the server's resident
 * memory before and after, divided by the connections. A few warm-up connections are opened first
 * and stay, so class loading and first-use pools are in the baseline, not in the per-connection cost.
 */
final class Idle {
    record Plan(int connections, int threads, Duration hold, int warmupConnections, int inFlight) {
    }

    static final List<Report.Column> COLUMNS = List.of(
            Report.col("conns", "connections", 0), Report.col("ready", "ready", 0),
            Report.col("failed", "failed", 0), Report.col("connect s", "connect_s", 2),
            Report.col("RSS before MiB", "rss_before_mib", 1), Report.col("RSS after MiB", "rss_after_mib", 1),
            Report.col("KiB/conn", "kib_per_conn", 2), Report.col("srv CPU % (hold)", "server_cpu_pct", 1),
            Report.col("others CPU %", "others_cpu_pct", 1), Report.col("closed", "closed", 0));

    private final Plan plan;
    private final Target target;
    private final Report report;

    Idle(Plan plan, Target target, Report report) {
        this.plan = plan;
        this.target = target;
        this.report = report;
    }

    void run() throws Exception {
        Run run = new Run("bench/idle-" + Long.toHexString(System.nanoTime()), plan.threads());
        List<Subscriber> warm = subscribers(run, plan.warmupConnections());
        List<Subscriber> idle = subscribers(run, plan.connections());
        try (Net net = target.net()) {
            net.launch(warm, plan.inFlight()).get(60, TimeUnit.SECONDS);
            Thread.sleep(1000);
            long before = Proc.rssKiB(target.pid());
            Net.Launch launch = net.launch(idle, plan.inFlight()).get(60 + idle.size() / 100, TimeUnit.SECONDS);
            Proc.Cpu c0 = Proc.Cpu.now(target.pid());
            Thread.sleep(plan.hold().toMillis());
            Proc.Cpu c1 = Proc.Cpu.now(target.pid());
            long after = Proc.rssKiB(target.pid());
            Map<String, Object> row = report.row();
            row.put("connections", plan.connections());
            row.put("ready", launch.ready.get());
            row.put("failed", launch.failed.get());
            row.put("first_error", launch.firstError);
            row.put("connect_s", round(launch.seconds(), 2));
            row.put("rss_before_mib", round(before / 1024.0, 1));
            row.put("rss_after_mib", round(after / 1024.0, 1));
            row.put("kib_per_conn", launch.ready.get() == 0 ? null : round((after - before) / (double) launch.ready.get(), 2));
            row.put("server_cpu_pct", round(c1.serverPercent(c0), 1));
            row.put("others_cpu_pct", round(c1.othersPercent(c0), 1));
            row.put("closed", idle.stream().filter(s -> !s.isOpen()).count());
            report.add(row);
            List<Peer> all = new ArrayList<>(warm);
            all.addAll(idle);
            Net.closeAll(all, Duration.ofSeconds(15));
        }
    }

    static List<Subscriber> subscribers(Run run, int count) {
        List<Subscriber> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new Subscriber(run, i % run.threads.length));
            run.subscribers[i % run.threads.length]++;
        }
        return out;
    }
}
