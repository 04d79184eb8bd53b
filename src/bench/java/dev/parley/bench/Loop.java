package dev.parley.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One I/O thread of the tool: a selector over many sockets and a queue of tasks from other threads.
 * Every read lands in the one shared heap buffer and is parsed there, so a delivery costs a read
 * and a scan, with no allocation and no handler chain.
 */
final class Loop implements Runnable {
    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    /** Shared by every socket of this loop; only valid during one {@link Conn#readable} call. */
    final ByteBuffer readBuffer = ByteBuffer.allocate(256 * 1024);
    private volatile boolean running = true;

    Loop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
    }

    Selector selector() {
        return selector;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on this loop: now if called from it, else soon. */
    void execute(Runnable task) {
        if (inLoop()) {
            task.run();
            return;
        }
        tasks.add(task);
        if (wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                selector.select(this::ready, 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            wakeupPending.set(false);
            for (Runnable task; (task = tasks.poll()) != null; ) {
                task.run();
            }
        }
        for (SelectionKey key : selector.keys()) {
            ((Conn) key.attachment()).close();
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void ready(SelectionKey key) {
        Conn conn = (Conn) key.attachment();
        if (!key.isValid()) {
            return;
        }
        int ops = key.readyOps();
        if ((ops & SelectionKey.OP_CONNECT) != 0) {
            conn.connectable();
        }
        if ((ops & SelectionKey.OP_READ) != 0 && key.isValid()) {
            conn.readable(readBuffer);
        }
        if ((ops & SelectionKey.OP_WRITE) != 0 && key.isValid()) {
            conn.writable();
        }
    }

    /** Stops the loop and closes its sockets. */
    void shutdown() {
        running = false;
        selector.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
