package dev.parley.realtime;

import java.util.ArrayList;
import java.util.List;

/**
 * One flush per socket per event-loop turn. Every path that writes (fan-out, a replay page, a
 * join's held frames) marks the session; the first mark of a batch schedules the flush as the
 * loop's next task, so frames that arrive together leave together, in one write per socket.
 */
final class FlushBatch {
    private final ShardLoop loop;
    /** Sessions with unflushed writes; each appears once (see Session.markUnflushed). */
    private final List<Session> written = new ArrayList<>();

    FlushBatch(ShardLoop loop) {
        this.loop = loop;
    }

    void mark(Session s) {
        if (!s.markUnflushed()) {
            return;
        }
        if (written.isEmpty()) {
            loop.runLater(this::flush);
        }
        written.add(s);
    }

    private void flush() {
        for (int i = 0; i < written.size(); i++) {
            written.get(i).flush();
        }
        written.clear();
    }
}
