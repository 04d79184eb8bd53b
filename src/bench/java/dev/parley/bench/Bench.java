package dev.parley.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * parley-bench: load scenarios against a running Parley node on this machine (loopback only).
 * Built as its own jar, target/parley-bench.jar, from src/bench/java; it needs nothing but the JDK.
 * Every size, rate and duration is an option; the defaults below are the full-size runs.
 * Prints one JSON line per step as it finishes and a table per scenario at the end.
 */
public final class Bench {
    static final String USAGE = """
            usage: java -jar parley-bench.jar <scenario> [--option value ...]
                   java -jar parley-bench.jar summary <results.jsonl ...>

            scenarios (defaults in brackets):
              fanout  1 thread, --subscribers [2000], --publishers [4] not subscribed, --warmup [10s],
                      --rates [10,20,30,40,50,60,80,100,200,400,800,1600,3200] posts/s, --step [10s] each;
                      stops after the first step with p99 > --max-p99 [250] ms or loss > --max-loss [0.1] %
              rooms   --subscribers [10000] over --threads [1000], --rates [500] posts/s to random
                      threads for --step [20s], --warmup [10s]
              posts   WebSocket posts with ack latency: --publishers [16], --threads [100], --rates
                      [250,500,1000,2000,3000,4000,5000,6000,8000], --step [10s], --warmup [10s]; stops after the first
                      step with ack p99 > --max-ack-p99 [50] ms or failed posts > --max-loss [0.1] %
              idle    --connections [15000] subscribed over --threads [100], held --hold [10s]:
                      server RSS per connection (after --warmup-connections [100] that stay open)
              storm   --clients [10000] connect + upgrade + subscribe, --in-flight [1000]: time to all subscribed;
                      first --warmup-clients [0] do the same and leave (a JIT-warm server)
              reads   --comments [200] in a hot thread, wrk on its first page (--limit [100]) for
                      --duration [10s] with --connections [64], --wrk-threads [1], --wrk [wrk]

            common: --host [127.0.0.1] (loopback only) --port [8080] --pid [process listening on the port]
                    --io-threads [1] --sources [1] (spread connections over 127.0.0.1..127.0.0.N)
                    --in-flight [500] --body-chars [64] --drain [5s] --seed [42] --pass [1] (label)
            """;

    private Bench() {
    }

    public static void main(String[] args) {
        try {
            run(Arrays.asList(args), System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        } catch (Exception e) {
            System.err.println("bench: failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /** Runs one scenario and returns its rows (each also printed as a JSON line). */
    static List<Map<String, Object>> run(List<String> args, PrintStream out) throws Exception {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            out.print(USAGE);
            return List.of();
        }
        String scenario = args.get(0);
        if (scenario.equals("summary")) {
            Summary.print(args.subList(1, args.size()), out);
            return List.of();
        }
        Options o = new Options(args.subList(1, args.size()));
        Target target = Target.from(o);
        String pass = o.string("pass", "1");
        Report report = new Report(scenario, pass, columns(scenario), out);
        Scenario job = switch (scenario) {
            case "fanout", "rooms", "posts" -> new Live(livePlan(scenario, o), target, report, out)::run;
            case "idle" -> new Idle(new Idle.Plan(o.integer("connections", 15_000), o.integer("threads", 100),
                    o.duration("hold", "10s"), o.integer("warmup-connections", 100), o.integer("in-flight", 1000)),
                    target, report)::run;
            case "storm" -> new Storm(new Storm.Plan(o.integer("clients", 10_000), o.integer("in-flight", 1000),
                    o.integer("threads", 100), o.integer("warmup-clients", 0)), target, report)::run;
            case "reads" -> new Reads(new Reads.Plan(o.integer("comments", 200), o.integer("limit", 100),
                    o.duration("duration", "10s"), o.integer("connections", 64), o.integer("wrk-threads", 1),
                    o.string("wrk", "wrk"), o.integer("body-chars", 64)), target, report)::run;
            default -> throw new IllegalArgumentException("unknown scenario: " + scenario);
        };
        o.requireAllUsed();
        out.println("# " + scenario + " against pid " + target.pid() + " " + o.effective());
        job.run();
        report.printTable();
        return report.rows();
    }

    /** One scenario, ready to run. */
    private interface Scenario {
        void run() throws Exception;
    }

    private static Live.Plan livePlan(String scenario, Options o) {
        boolean posts = scenario.equals("posts");
        boolean rooms = scenario.equals("rooms");
        return new Live.Plan(scenario,
                o.integer("threads", rooms ? 1000 : posts ? 100 : 1),
                o.integer("subscribers", rooms ? 10_000 : posts ? 0 : 2000),
                o.integer("publishers", posts ? 16 : 4),
                o.integers("rates", rooms ? "500" : posts ? "250,500,1000,2000,3000,4000,5000,6000,8000"
                        : "10,20,30,40,50,60,80,100,200,400,800,1600,3200"),
                o.duration("step", rooms ? "20s" : "10s"),
                o.duration("warmup", "10s"),
                o.duration("drain", "5s"),
                o.integer("in-flight", 500),
                o.integer("body-chars", 64),
                o.decimal("max-p99", posts ? 0 : 250),
                o.decimal("max-ack-p99", posts ? 50 : 0),
                o.decimal("max-loss", 0.1),
                o.longValue("seed", 42));
    }

    static List<Report.Column> columns(String scenario) {
        return switch (scenario) {
            case "posts" -> List.of(
                    Report.col("step", "step", 0), Report.col("posts/s", "rate", 0), Report.col("posts", "posts", 0),
                    Report.col("accepted/s", "accepted_per_s", 0), Report.col("errors", "post_errors", 0),
                    Report.col("ack p50 ms", "ack_p50_ms", 2), Report.col("ack p90 ms", "ack_p90_ms", 2),
                    Report.col("ack p99 ms", "ack_p99_ms", 2), Report.col("ack max ms", "ack_max_ms", 2),
                    Report.col("srv CPU %", "server_cpu_pct", 1), Report.col("srv µs/post", "server_us_per_op", 1),
                    Report.col("tool CPU %", "tool_cpu_pct", 1), Report.col("others CPU %", "others_cpu_pct", 1),
                    Report.col("verdict", "verdict", 0));
            case "fanout", "rooms" -> List.of(
                    Report.col("step", "step", 0), Report.col("posts/s", "rate", 0),
                    Report.col("offered/s", "offered_dps", 0), Report.col("delivered/s", "delivered_dps", 0),
                    Report.col("loss %", "loss_pct", 3), Report.col("dup", "duplicates", 0),
                    Report.col("p50 ms", "p50_ms", 2), Report.col("p90 ms", "p90_ms", 2),
                    Report.col("p99 ms", "p99_ms", 2), Report.col("max ms", "max_ms", 2),
                    Report.col("srv CPU %", "server_cpu_pct", 1), Report.col("srv µs/deliv", "server_us_per_op", 2),
                    Report.col("tool CPU %", "tool_cpu_pct", 1), Report.col("others CPU %", "others_cpu_pct", 1),
                    Report.col("verdict", "verdict", 0));
            case "idle" -> Idle.COLUMNS;
            case "storm" -> Storm.COLUMNS;
            case "reads" -> Reads.COLUMNS;
            default -> throw new IllegalArgumentException("unknown scenario: " + scenario);
        };
    }
}
