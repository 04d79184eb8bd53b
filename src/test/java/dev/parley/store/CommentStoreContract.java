package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.comment.CommentStore;
import dev.parley.comment.NewComment;
import dev.parley.comment.Poster;
import dev.parley.protocol.ApiException;
import dev.parley.protocol.Comment;
import dev.parley.protocol.EventType;
import dev.parley.protocol.ThreadEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link CommentStore} must have; run against SQLite and PostgreSQL. */
abstract class CommentStoreContract {
    private static final Instant NOW = Instant.parse("2026-11-26T21:00:00.123Z");
    protected Database database;
    protected CommentStore store;

    protected abstract Database openDatabase();

    protected void cleanUp() {
    }

    @BeforeEach
    void open() {
        database = openDatabase();
        store = new JdbcCommentStore(database, authorId -> "key-" + authorId);
    }

    @AfterEach
    void close() {
        database.close();
        cleanUp();
    }

    private CommentStore.Posted create(String thread, Long parent, String body, String key) {
        return store.create(new NewComment(thread, parent, "Ann", body, key), Poster.anonymous("author-1", "hash-1", false),
                "<p>" + body + "</p>", NOW, false);
    }

    @Test
    void createsCommentsWithGapFreeSeqsPerThread() {
        Comment a1 = create("a", null, "one", null).event().comment();
        Comment b1 = create("b", null, "uno", null).event().comment();
        Comment a2 = create("a", a1.id(), "two", null).event().comment();
        assertThat(List.of(a1.seq(), b1.seq(), a2.seq())).containsExactly(1L, 1L, 2L);
        assertThat(a2.parent()).isEqualTo(a1.id());
        assertThat(a2.createdAt()).isEqualTo(NOW);
        assertThat(store.stats("a")).isEqualTo(new CommentStore.ThreadStats(2, 2));
        assertThat(store.comments("a", 0, 100).items()).containsExactly(a1, a2);
    }

    @Test
    void refusesAParentFromAnotherThreadAndTakesNoSeq() {
        Comment other = create("x", null, "x", null).event().comment();
        assertThatThrownBy(() -> create("y", other.id(), "y", null)).isInstanceOf(ApiException.class)
                .hasMessageContaining("parent");
        assertThat(store.stats("y").seq()).isZero();
        assertThat(create("y", null, "first", null).event().seq()).isEqualTo(1);
    }

    @Test
    void idempotencyKeyReturnsTheOriginalWithoutANewSeq() {
        CommentStore.Posted first = create("k", null, "once", "key");
        CommentStore.Posted again = create("k", null, "other text", "key");
        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.event().comment()).isEqualTo(first.event().comment());
        assertThat(store.stats("k").seq()).isEqualTo(1);
        assertThat(create("k2", null, "same key, other thread", "key").replayed()).isFalse();
    }

    @Test
    void editsAndDeletionsTakeTheNextSeqAndAppearInEvents() {
        Comment c = create("e", null, "typo", null).event().comment();
        ThreadEvent edit = store.edit(c.id(), "fixed", "<p>fixed</p>", NOW.plusSeconds(5), Optional.empty()).orElseThrow();
        assertThat(edit.seq()).isEqualTo(2);
        assertThat(edit.type()).isEqualTo(EventType.UPDATED);
        assertThat(edit.comment().body()).isEqualTo("fixed");
        assertThat(edit.comment().editedAt()).isEqualTo(NOW.plusSeconds(5));
        ThreadEvent deletion = store.delete(c.id(), NOW, Optional.empty()).orElseThrow();
        assertThat(deletion.seq()).isEqualTo(3);
        assertThat(deletion.comment().deleted()).isTrue();
        assertThat(deletion.comment().body()).isEmpty();
        assertThat(store.delete(c.id(), NOW, Optional.empty())).as("second delete changes nothing").isEmpty();
        assertThatThrownBy(() -> store.edit(c.id(), "again", "x", NOW, Optional.empty())).isInstanceOf(ApiException.class);
        assertThat(store.edit(424242, "x", "x", NOW, Optional.empty())).isEmpty();

        CommentStore.Page<ThreadEvent> events = store.events("e", 0, 100);
        assertThat(events.seq()).isEqualTo(3);
        assertThat(events.items()).extracting(ThreadEvent::seq).containsExactly(1L, 2L, 3L);
        assertThat(events.items()).extracting(ThreadEvent::type)
                .containsExactly(EventType.COMMENT, EventType.UPDATED, EventType.UPDATED);
        assertThat(events.items().get(0).comment().deleted()).as("current state").isTrue();
        assertThat(store.stats("e")).isEqualTo(new CommentStore.ThreadStats(3, 0));
        assertThat(store.events("e", 1, 1).items()).extracting(ThreadEvent::seq).containsExactly(2L);
    }

    @Test
    void treePagesGiveTopLevelCommentsWithAllTheirRepliesAndNoPendingOnes() {
        long r1 = create("tree", null, "r1", null).event().comment().id();
        long a = create("tree", r1, "a", null).event().comment().id();
        long b = create("tree", a, "b", null).event().comment().id();
        long r2 = create("tree", null, "r2", null).event().comment().id();
        long c = create("tree", r2, "c", null).event().comment().id();
        long held = store.create(new NewComment("tree", null, "Ann", "held", null), Poster.anonymous("author-1", "hash-1", false),
                "<p>held</p>", NOW, true).event().comment().id();
        long r3 = create("tree", null, "r3", null).event().comment().id();

        CommentStore.Tree newest = store.tree("tree", true, 0, 2, 100);
        assertThat(newest.comments()).extracting(Comment::id).containsExactly(r3, r2, c);
        assertThat(newest.more()).isTrue();
        assertThat(newest.seq()).isEqualTo(6);
        assertThat(newest.count()).isEqualTo(6);
        assertThat(store.tree("tree", true, newest.comments().get(1).seq(), 2, 100).comments()).extracting(Comment::id)
                .containsExactly(r1, a, b);
        CommentStore.Tree oldest = store.tree("tree", false, 0, 5, 100);
        assertThat(oldest.comments()).extracting(Comment::id).containsExactly(r1, a, b, r2, c, r3).doesNotContain(held);
        assertThat(oldest.more()).isFalse();

        CommentStore.Tree capped = store.tree("tree", false, 0, 5, 1);
        assertThat(capped.comments()).as("r1's two replies are over one: r1 alone, cut").extracting(Comment::id)
                .containsExactly(r1, a);
        assertThat(capped.repliesCut()).isTrue();
        assertThat(capped.more()).isTrue();
        assertThat(store.tree("tree", false, r1Seq(capped), 5, 1).comments()).as("r2's one reply fits, r3 has none")
                .extracting(Comment::id).containsExactly(r2, c, r3);
        assertThat(store.tree("never-written", true, 0, 5, 100).comments()).isEmpty();
    }

    private static long r1Seq(CommentStore.Tree tree) {
        return tree.comments().get(0).seq();
    }

    @Test
    void aCommentsContextHasItsAncestorsAndItsTopLevelCommentsRepliesButNoPendingComment() {
        long root = create("ctx", null, "root", null).event().comment().id();
        long a = create("ctx", root, "a", null).event().comment().id();
        long b = create("ctx", a, "b", null).event().comment().id();
        long sibling = create("ctx", root, "sibling", null).event().comment().id();
        create("ctx", null, "another root", null);
        long held = store.create(new NewComment("ctx", root, "Ann", "held", null), Poster.anonymous("author-1", "hash-1", false),
                "<p>held</p>", NOW, true).event().comment().id();

        CommentStore.Tree context = store.context(b, 100).orElseThrow();
        assertThat(context.comments()).extracting(Comment::id).containsExactly(root, a, b, sibling);
        assertThat(context.seq()).isEqualTo(5);
        assertThat(store.context(b, 2).orElseThrow().comments()).as("the chain always, then what fits")
                .extracting(Comment::id).containsExactly(root, a, b);
        assertThat(store.context(held, 100)).isEmpty();
        assertThatThrownBy(() -> create("ctx", held, "a reply to a held comment", null)).as("so no context has a held ancestor")
                .isInstanceOf(ApiException.class);
        assertThat(store.context(root, 100).orElseThrow().comments()).extracting(Comment::id).doesNotContain(held);
        assertThat(store.context(987654, 100)).isEmpty();
    }

    @Test
    void everyCommentOfAnAuthorCarriesTheirPublicKeyUntilItIsDeleted() {
        Comment c = create("ak", null, "one", null).event().comment();
        assertThat(c.authorKey()).isEqualTo("key-author-1");
        assertThat(store.comments("ak", 0, 10).items()).extracting(Comment::authorKey).containsExactly("key-author-1");
        assertThat(store.delete(c.id(), NOW, Optional.empty()).orElseThrow().comment().authorKey()).isNull();
        assertThat(store.comments("ak", 0, 10).items()).extracting(Comment::authorKey).containsOnlyNulls();
    }

    @Test
    void statsSayWhetherAModeratorLockedTheThread() {
        create("lk", null, "one", null);
        JdbcModerationStore moderation = new JdbcModerationStore(database, (JdbcCommentStore) store);
        dev.parley.comment.AuditEntry audit = new dev.parley.comment.AuditEntry(NOW, "moderator", "lock", "thread lk", "");
        assertThat(store.stats("lk").locked()).isFalse();
        moderation.lock("lk", true, NOW, audit);
        assertThat(store.stats("lk")).isEqualTo(new CommentStore.ThreadStats(1, 1, true));
        moderation.lock("lk", false, NOW, audit);
        assertThat(store.stats("lk").locked()).isFalse();
        moderation.lock("never-written", true, NOW, audit);
        assertThat(store.stats("never-written")).isEqualTo(new CommentStore.ThreadStats(0, 0, true));
    }

    @Test
    void pagesReadOneSnapshot() {
        for (int i = 0; i < 5; i++) {
            create("p", null, "c" + i, null);
        }
        CommentStore.Page<Comment> page = store.comments("p", 2, 2);
        assertThat(page.seq()).isEqualTo(5);
        assertThat(page.items()).extracting(Comment::seq).containsExactly(3L, 4L);
        assertThat(store.comments("p", 5, 10).items()).isEmpty();
        assertThat(store.comments("p", 5, 10).seq()).isEqualTo(5);
        assertThat(store.comments("nothing", 0, 10)).isEqualTo(new CommentStore.Page<Comment>(0, List.of()));
    }

    @Test
    void eightConcurrentWritersGetUniqueGapFreeSeqs() throws Exception {
        int writers = 8;
        int each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            results.add(pool.submit(() -> {
                start.await();
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    seqs.add(create("hot", null, "w" + writer + " #" + i, "w" + writer + "-" + i).event().seq());
                }
                return seqs;
            }));
        }
        start.countDown();
        Set<Long> seqs = new HashSet<>();
        for (Future<List<Long>> r : results) {
            seqs.addAll(r.get());
        }
        pool.shutdown();
        long total = (long) writers * each;
        assertThat(seqs).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(store.stats("hot")).isEqualTo(new CommentStore.ThreadStats(total, total));
        assertThat(store.events("hot", 0, 500).items()).extracting(ThreadEvent::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
    }

    @Test
    void concurrentWritersWithOneKeyCreateOneComment() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<CommentStore.Posted>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return create("same-key", null, "once", "k");
            }));
        }
        start.countDown();
        Set<Long> ids = new HashSet<>();
        int fresh = 0;
        for (Future<CommentStore.Posted> r : results) {
            ids.add(r.get().event().comment().id());
            fresh += r.get().replayed() ? 0 : 1;
        }
        pool.shutdown();
        assertThat(ids).hasSize(1);
        assertThat(fresh).isEqualTo(1);
        assertThat(store.stats("same-key").seq()).isEqualTo(1);
    }
}
