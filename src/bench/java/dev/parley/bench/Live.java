package dev.parley.bench;

import static dev.parley.bench.Report.millis;
import static dev.parley.bench.Report.round;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Live traffic, the engine of the fanout, rooms and posts scenarios: subscribers spread over
 * threads, publishers (not subscribed) posting at stepped rates over WebSocket. Each step posts
 * {@code rate x length} comments on a 1 ms ticker, then waits for every ack and delivery (up to
 * the drain time) before it is scored, so no delivery is counted in the wrong step.
 */
final class Live {
    /** What to run; every number comes from an option. */
    record Plan(String scenario, int threads, int subscribers, int publishers, List<Integer> rates,
                Duration step, Duration warmup, Duration drain, int inFlight, int bodyChars,
                double maxP99Ms, double maxAckP99Ms, double maxLossPct, long seed) {
    }

    private final Plan plan;
    private final Target target;
    private final Report report;
    private final PrintStream log;
    private final Run run;
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final List<Publisher> publishers = new ArrayList<>();

    Live(Plan plan, Target target, Report report, PrintStream log) {
        this.plan = plan;
        this.target = target;
        this.report = report;
        this.log = log;
        this.run = new Run("bench/" + plan.scenario() + "-" + Long.toHexString(System.nanoTime()), plan.threads());
        for (int i = 0; i < plan.subscribers(); i++) {
            subscribers.add(new Subscriber(run, i % plan.threads()));
            run.subscribers[i % plan.threads()]++;
        }
        for (int i = 0; i < plan.publishers(); i++) {
            publishers.add(new Publisher(run, plan.bodyChars()));
        }
    }

    Run state() {
        return run;
    }

    void run() throws Exception {
        try (Net net = target.net()) {
            connect(net, subscribers, "subscribers");
            connect(net, publishers, "publishers");
            if (!plan.warmup().isZero()) {
                log.printf(Locale.ROOT, "# warm-up: %d posts/s for %s%n", plan.rates().get(0), plan.warmup());
                step(net, plan.rates().get(0), plan.warmup());
            }
            for (int i = 0; i < plan.rates().size(); i++) {
                Map<String, Object> row = step(net, plan.rates().get(i), plan.step());
                row.put("step", i + 1);
                report.add(row);
                if (!"ok".equals(row.get("verdict"))) {
                    break;
                }
            }
            List<Peer> all = new ArrayList<>(subscribers);
            all.addAll(publishers);
            Net.closeAll(all, Duration.ofSeconds(10));
        }
    }

    private void connect(Net net, List<? extends Peer> peers, String what) throws Exception {
        Net.Launch launch = net.launch(peers, plan.inFlight()).get(60 + peers.size() / 100, TimeUnit.SECONDS);
        if (launch.failed.get() > 0) {
            throw new IllegalStateException(launch.failed.get() + " of " + peers.size() + " " + what
                    + " failed to connect: " + launch.firstError);
        }
        log.printf(Locale.ROOT, "# %d %s ready in %.2f s%n", peers.size(), what, launch.seconds());
    }

    private Map<String, Object> step(Net net, int rate, Duration length) throws InterruptedException {
        Step step = new Step();
        run.step = step;
        Proc.Cpu c0 = Proc.Cpu.now(target.pid());
        Ticker ticker = new Ticker(rate, Math.max(1, Math.round(rate * length.toNanos() / 1e9)), length.toNanos());
        ticker.start();
        ticker.done.await(length.toMillis() * 3 + 10_000, TimeUnit.MILLISECONDS);
        ticker.stop();
        Proc.Cpu c1 = Proc.Cpu.now(target.pid());
        long deadline = System.nanoTime() + plan.drain().toNanos();
        while (!step.settled() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Proc.Cpu c2 = Proc.Cpu.now(target.pid());
        return score(step, rate, ticker, c0, c1, c2);
    }

    private Map<String, Object> score(Step step, int rate, Ticker ticker, Proc.Cpu c0, Proc.Cpu c1, Proc.Cpu c2) {
        double seconds = (c1.nanos() - ticker.startNanos) / 1e9;
        long sent = step.sent.sum();
        long acked = step.acked.sum();
        long received = step.received.sum();
        long expected = step.expected.sum();
        long loss = Math.max(0, expected - received);
        double lossPct = expected == 0 ? 0 : loss * 100.0 / expected;
        double deliveryWindow = Math.max(seconds, (step.lastReceiveNanos - ticker.startNanos) / 1e9);
        double ackWindow = Math.max(seconds, (step.lastAckNanos - ticker.startNanos) / 1e9);
        long work = plan.subscribers() > 0 ? received : acked;
        Map<String, Object> row = report.row();
        row.put("rate", rate);
        row.put("seconds", round(seconds, 2));
        row.put("posts", sent);
        row.put("acked", acked);
        row.put("post_errors", step.postErrors.sum());
        row.put("first_error", step.firstError);
        row.put("accepted_per_s", round(acked / ackWindow, 1));
        row.put("subscribers", plan.subscribers());
        row.put("offered_dps", round(ticker.offeredDeliveries / seconds, 1));
        row.put("delivered_dps", round(received / deliveryWindow, 1));
        row.put("expected", expected);
        row.put("received", received);
        row.put("loss", loss);
        row.put("loss_pct", round(lossPct, 3));
        row.put("duplicates", step.duplicates.sum());
        row.put("skipped", step.skipped.sum());
        putLatency(row, "", step.latency);
        putLatency(row, "ack_", step.ackLatency);
        row.put("server_cpu_pct", round(c1.serverPercent(c0), 1));
        row.put("server_us_per_op", work == 0 ? null : round(c2.serverMicros(c0) / work, 2));
        row.put("tool_cpu_pct", round(c1.toolPercent(c0), 1));
        row.put("others_cpu_pct", round(c1.othersPercent(c0), 1));
        row.put("closed", subscribers.stream().filter(s -> !s.isOpen()).count());
        row.put("behind", subscribers.stream().filter(s -> s.lastSeq < run.lastAckedSeq.get(s.thread)).count());
        row.put("verdict", verdict(step, lossPct, sent, acked));
        row.put("threads", plan.threads());
        row.put("thread_prefix", run.prefix);
        return row;
    }

    private static void putLatency(Map<String, Object> row, String prefix, Histogram h) {
        row.put(prefix + "p50_ms", millis(h.percentile(0.50)));
        row.put(prefix + "p90_ms", millis(h.percentile(0.90)));
        row.put(prefix + "p99_ms", millis(h.percentile(0.99)));
        row.put(prefix + "max_ms", millis(h.max()));
    }

    private String verdict(Step step, double lossPct, long sent, long acked) {
        double p99 = step.latency.percentile(0.99) / 1000.0;
        double ackP99 = step.ackLatency.percentile(0.99) / 1000.0;
        double postLossPct = sent == 0 ? 0 : (sent - acked) * 100.0 / sent;
        if (plan.subscribers() > 0 && plan.maxP99Ms() > 0 && p99 > plan.maxP99Ms()) {
            return "p99>" + (long) plan.maxP99Ms() + "ms";
        }
        if (plan.maxAckP99Ms() > 0 && ackP99 > plan.maxAckP99Ms()) {
            return "ack_p99>" + (long) plan.maxAckP99Ms() + "ms";
        }
        if (lossPct > plan.maxLossPct()) {
            return "loss";
        }
        if (postLossPct > plan.maxLossPct()) {
            return "posts_failed";
        }
        return "ok";
    }

    /**
     * Posts from its own thread every millisecond, catching up to {@code rate x elapsed}; the step
     * ends when its time is up and all {@code total} posts are out (later only if the tool lags).
     */
    private final class Ticker implements Runnable {
        private final int rate;
        private final long total;
        private final long lengthNanos;
        private final Random random = new Random(plan.seed());
        private final CountDownLatch done = new CountDownLatch(1);
        private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-ticker");
            t.setDaemon(true);
            return t;
        });
        private ScheduledFuture<?> future;
        private long sent;
        private int next;
        volatile long startNanos;
        volatile long offeredDeliveries;

        Ticker(int rate, long total, long lengthNanos) {
            this.rate = rate;
            this.total = total;
            this.lengthNanos = lengthNanos;
        }

        void start() {
            startNanos = System.nanoTime();
            future = clock.scheduleAtFixedRate(this, 0, 1, TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            long due = Math.min(total, (long) ((now - startNanos) * (double) rate / 1e9) + 1);
            long offered = offeredDeliveries;
            for (; sent < due; sent++) {
                int thread = plan.threads() == 1 ? 0 : random.nextInt(plan.threads());
                publishers.get(next++ % publishers.size()).post(thread, System.nanoTime());
                offered += run.subscribers[thread];
            }
            offeredDeliveries = offered;
            if (sent >= total && now - startNanos >= lengthNanos) {
                done.countDown();
                future.cancel(false);
            }
        }

        /** Returns once no tick can run any more. */
        void stop() throws InterruptedException {
            clock.shutdown();
            clock.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
