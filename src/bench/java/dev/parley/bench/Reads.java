package dev.parley.bench;

import static dev.parley.bench.Report.round;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hot thread's first page over REST: the tool posts the comments, checks the page, then drives
 * {@code wrk} against {@code GET /api/v1/comments?thread=T&limit=L} and reads its summary.
 */
final class Reads {
    record Plan(int comments, int limit, Duration duration, int connections, int wrkThreads, String wrk, int bodyChars) {
    }

    static final List<Report.Column> COLUMNS = List.of(
            Report.col("comments", "comments", 0), Report.col("conns", "connections", 0),
            Report.col("requests", "requests", 0), Report.col("req/s", "rps", 0),
            Report.col("p50 ms", "p50_ms", 2), Report.col("p90 ms", "p90_ms", 2), Report.col("p99 ms", "p99_ms", 2),
            Report.col("non-2xx", "non2xx", 0), Report.col("sock err", "socket_errors", 0),
            Report.col("srv CPU %", "server_cpu_pct", 1), Report.col("srv µs/req", "server_us_per_request", 1),
            Report.col("tool+wrk CPU %", "tool_cpu_pct", 1), Report.col("others CPU %", "others_cpu_pct", 1));

    private final Plan plan;
    private final Target target;
    private final Report report;

    Reads(Plan plan, Target target, Report report) {
        this.plan = plan;
        this.target = target;
        this.report = report;
    }

    /** The wrk executable, or null when it is not installed. */
    static String findWrk(String wrk) {
        if (wrk.contains("/")) {
            return java.nio.file.Files.isExecutable(java.nio.file.Path.of(wrk)) ? wrk : null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, wrk))) {
                return dir + "/" + wrk;
            }
        }
        return null;
    }

    void run() throws Exception {
        String wrk = findWrk(plan.wrk());
        if (wrk == null) {
            throw new IllegalStateException("wrk not found (" + plan.wrk() + "): install it with apt-get install wrk");
        }
        Run run = new Run("bench/reads-" + Long.toHexString(System.nanoTime()), 1);
        seed(run);
        String url = target.baseUrl() + "/api/v1/comments?thread="
                + URLEncoder.encode(run.threads[0], StandardCharsets.UTF_8) + "&limit=" + plan.limit();
        int onPage = Json.object(get(url)).get("comments") instanceof List<?> comments ? comments.size() : -1;
        if (onPage != Math.min(plan.comments(), plan.limit())) {
            throw new IllegalStateException("first page has " + onPage + " comments, expected " + Math.min(plan.comments(), plan.limit()));
        }
        long self = Proc.self();
        long wrkBefore = Proc.childTicks(self);
        Proc.Cpu c0 = Proc.Cpu.now(target.pid());
        String output = wrk(wrk, url);
        Proc.Cpu c1 = Proc.Cpu.now(target.pid());
        // wrk is a child that has been waited for: its CPU shows in our children's ticks.
        double wrkPct = (Proc.childTicks(self) - wrkBefore) * 100.0 / Proc.TICKS_PER_SECOND
                / ((c1.nanos() - c0.nanos()) / 1e9);
        Map<String, Object> row = report.row();
        row.put("thread", run.threads[0]);
        row.put("comments", plan.comments());
        row.put("page_bytes", get(url).length());
        row.put("connections", plan.connections());
        long requests = (long) number(output, "(\\d+) requests in");
        row.put("requests", requests);
        row.put("rps", round(number(output, "Requests/sec:\\s+([\\d.]+)"), 0));
        row.put("p50_ms", latency(output, "50%"));
        row.put("p90_ms", latency(output, "90%"));
        row.put("p99_ms", latency(output, "99%"));
        row.put("non2xx", (long) number(output, "Non-2xx or 3xx responses:\\s+(\\d+)"));
        row.put("socket_errors", socketErrors(output));
        row.put("server_cpu_pct", round(c1.serverPercent(c0), 1));
        row.put("server_us_per_request", requests == 0 ? null : round(c1.serverMicros(c0) / requests, 1));
        row.put("tool_cpu_pct", round(c1.toolPercent(c0) + wrkPct, 1));
        row.put("others_cpu_pct", round(Math.max(0, c1.othersPercent(c0) - wrkPct), 1));
        report.add(row);
    }

    /** Posts the hot thread's comments over one WebSocket, at most 64 unanswered at a time. */
    private void seed(Run run) throws Exception {
        Publisher publisher = new Publisher(run, plan.bodyChars());
        try (Net net = target.net()) {
            Net.Launch launch = net.launch(List.of(publisher), 1).get(30, TimeUnit.SECONDS);
            if (launch.failed.get() > 0) {
                throw new IllegalStateException("could not connect: " + launch.firstError);
            }
            Step step = run.step;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60 + plan.comments() / 50);
            for (int sent = 0; sent < plan.comments(); ) {
                if (sent - step.acked.sum() - step.postErrors.sum() < 64) {
                    publisher.post(0, System.nanoTime());
                    sent++;
                } else if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("posting the hot thread timed out");
                } else {
                    Thread.sleep(1);
                }
            }
            while (!step.settled() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            if (step.acked.sum() != plan.comments()) {
                throw new IllegalStateException("only " + step.acked.sum() + " of " + plan.comments()
                        + " comments accepted; first error: " + step.firstError);
            }
            Net.closeAll(List.of(publisher), Duration.ofSeconds(5));
        }
    }

    private String wrk(String wrk, String url) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(wrk, "-t", Integer.toString(plan.wrkThreads()),
                "-c", Integer.toString(plan.connections()), "-d", plan.duration().toMillis() / 1000 + "s",
                "--latency", url).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        return output;
    }

    private static double number(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** A line of wrk's latency distribution, e.g. {@code 99%    3.21ms}, in ms. */
    static Double latency(String output, String percentile) {
        Matcher m = Pattern.compile("^\\s*" + Pattern.quote(percentile) + "\\s+([\\d.]+)(us|ms|s|m)\\s*$",
                Pattern.MULTILINE).matcher(output);
        if (!m.find()) {
            return null;
        }
        double v = Double.parseDouble(m.group(1));
        double ms = switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            case "m" -> v * 60_000;
            default -> v;
        };
        return round(ms, 3);
    }

    static long socketErrors(String output) {
        Matcher m = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(output);
        if (!m.find()) {
            return 0;
        }
        long n = 0;
        for (int g = 1; g <= 4; g++) {
            n += Long.parseLong(m.group(g));
        }
        return n;
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
