package dev.parley.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What Linux tells about a process: CPU time from {@code /proc/PID/stat} (utime + stime, in clock
 * ticks of 10 ms), resident memory from {@code /proc/PID/status}, and which process listens on a
 * TCP port (from {@code /proc/net/tcp*} socket inodes and {@code /proc/PID/fd} links).
 */
final class Proc {
    /** USER_HZ: the unit of utime/stime; 100 on every mainstream Linux build. */
    static final int TICKS_PER_SECOND = 100;

    private Proc() {
    }

    static long self() {
        return ProcessHandle.current().pid();
    }

    /** CPU time used so far, in clock ticks. */
    static long cpuTicks(long pid) {
        String[] f = statFields(pid);
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** CPU time of the process' children that have exited and been waited for, in clock ticks. */
    static long childTicks(long pid) {
        String[] f = statFields(pid);
        return Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    /** The fields of /proc/PID/stat from field 3 on (index 0 = state). */
    private static String[] statFields(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    /** Busy time of all CPUs together (user, nice, system, irq, softirq, steal), in clock ticks. */
    static long machineBusyTicks() {
        String[] f = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim().split("\\s+");
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
            busy += Long.parseLong(f[i]);
        }
        return busy;
    }

    /** Resident set size in KiB. */
    static long rssKiB(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for pid " + pid);
    }

    /** The process listening on a local TCP port, or -1 when none is found. */
    static long listening(int port) {
        String inode = null;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            inode = inode != null ? inode : listenInode(Path.of(table), port);
        }
        if (inode == null) {
            return -1;
        }
        String target = "socket:[" + inode + "]";
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                if (holds(proc.resolve("fd"), target)) {
                    return Long.parseLong(proc.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return -1;
    }

    private static String listenInode(Path table, int port) {
        if (!Files.exists(table)) {
            return null;
        }
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String line : read(table).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                return f[9];
            }
        }
        return null;
    }

    private static boolean holds(Path fds, String target) {
        try (DirectoryStream<Path> links = Files.newDirectoryStream(fds)) {
            for (Path link : links) {
                if (target.equals(Files.readSymbolicLink(link).toString())) {
                    return true;
                }
            }
        } catch (IOException | SecurityException e) {
            return false; // a process that vanished or that we may not inspect
        }
        return false;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CPU of the server and of this tool between two moments. */
    record Cpu(long serverTicks, long toolTicks, long machineTicks, long nanos) {
        static Cpu now(long serverPid) {
            return new Cpu(cpuTicks(serverPid), cpuTicks(self()), machineBusyTicks(), System.nanoTime());
        }

        /**
         * CPU used by everything else on the machine (in % of one core): other people's work on a
         * shared machine, which takes cycles from the server or the tool.
         */
        double othersPercent(Cpu start) {
            long others = (machineTicks - start.machineTicks) - (serverTicks - start.serverTicks)
                    - (toolTicks - start.toolTicks);
            return Math.max(0, percent(others, start));
        }

        /** Server CPU in % of one core since {@code start}. */
        double serverPercent(Cpu start) {
            return percent(serverTicks - start.serverTicks, start);
        }

        double toolPercent(Cpu start) {
            return percent(toolTicks - start.toolTicks, start);
        }

        /** Server CPU since {@code start}, in µs. */
        double serverMicros(Cpu start) {
            return (serverTicks - start.serverTicks) * 1_000_000.0 / TICKS_PER_SECOND;
        }

        private double percent(long ticks, Cpu start) {
            double seconds = (nanos - start.nanos) / 1e9;
            return seconds <= 0 ? 0 : ticks * 100.0 / TICKS_PER_SECOND / seconds;
        }
    }
}
