package dev.parley;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Parley node in its own JVM ({@code dev.parley.Main} on the test class path), for what only a
 * real process shows: exit codes, signals, what reaches standard output and error.
 */
public final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final Thread[] readers;

    private NodeProcess(Process process) {
        this.process = process;
        this.readers = new Thread[] {reader(process.getInputStream(), out), reader(process.getErrorStream(), err)};
    }

    /** Starts {@code Main} with exactly these PARLEY_* variables (others from this JVM are dropped). */
    public static NodeProcess start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.parley.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("PARLEY_"));
        builder.environment().putAll(env);
        return new NodeProcess(builder.start());
    }

    private static Thread reader(InputStream stream, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits (at most {@code seconds}) for a line of standard output matching {@code test}. */
    public boolean awaitOutput(Predicate<String> test, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (out.stream().anyMatch(test)) {
                return true;
            }
            if (!process.isAlive() && readersDone()) {
                return out.stream().anyMatch(test);
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** Waits for the process to end; its exit code, or null if it is still running after {@code seconds}. */
    public Integer awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            return null;
        }
        for (Thread t : readers) {
            t.join(5000);
        }
        return process.exitValue();
    }

    private boolean readersDone() {
        for (Thread t : readers) {
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }

    /**
     * SIGTERM, as an orchestrator stops a node. Through the process handle: Process.destroy()
     * would also close our ends of its output pipes, and the node's last lines would be lost.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    public long pid() {
        return process.pid();
    }

    public List<String> out() {
        return out;
    }

    public List<String> err() {
        return err;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
