package dev.parley.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The server under load and how the tool reaches it: a loopback host and port, the server's PID
 * (for its CPU and memory), the tool's I/O threads and how many loopback source addresses to use.
 */
record Target(String host, int port, long pid, int ioThreads, int sources) {

    static Target from(Options o) {
        String host = o.string("host", "127.0.0.1");
        requireLoopback(host);
        int port = o.integer("port", 8080);
        long pid = o.longValue("pid", 0);
        int ioThreads = o.integer("io-threads", 1);
        int sources = o.integer("sources", 1);
        if (pid <= 0) {
            pid = Proc.listening(port);
            if (pid <= 0) {
                throw new IllegalArgumentException("no process listens on port " + port + ": start the server or pass --pid");
            }
        }
        return new Target(host, port, pid, ioThreads, sources);
    }

    /** Load goes to this machine only: 127.0.0.0/8 or ::1, never any other address. */
    static void requireLoopback(String host) {
        try {
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                throw new IllegalArgumentException("--host must be a loopback address (127.0.0.0/8 or ::1), got " + host);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--host: unknown host " + host);
        }
    }

    Net net() {
        return new Net(host, port, ioThreads, sources);
    }

    String baseUrl() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
