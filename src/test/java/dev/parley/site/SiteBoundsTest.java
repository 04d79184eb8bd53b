package dev.parley.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The set of sites lives in memory, so it is bounded, and unknown names are refused without storage. */
class SiteBoundsTest {
    /** Counts reads, so a test can tell that a lookup did not touch storage. */
    private static final class MemoryStore implements SiteStore {
        final Map<String, Site> rows = new TreeMap<>();
        int reads;

        @Override
        public List<Site> all() {
            reads++;
            return new ArrayList<>(rows.values());
        }

        @Override
        public void save(Site site, Instant now) {
            rows.put(site.name(), site);
        }
    }

    @Test
    void theThousandAndFirstSiteIsRefusedWhileTheOthersStayChangeable() {
        MemoryStore store = new MemoryStore();
        Sites sites = new Sites(store, List.of(), Clock.systemUTC());
        for (int i = 0; i < Sites.MAX_SITES; i++) {
            sites.save("site-" + i, List.of(), null);
        }
        assertThatThrownBy(() -> sites.save("one-too-many", List.of(), null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        sites.save("site-7", List.of("https://seven.example"), null);
        assertThat(sites.require("site-7").allowedOrigins()).containsExactly("https://seven.example");
        assertThat(sites.all()).hasSize(Sites.MAX_SITES);
    }

    @Test
    void anUnknownNameIsRefusedFromMemory() {
        MemoryStore store = new MemoryStore();
        Sites sites = new Sites(store, List.of("https://blog.example"), Clock.systemUTC());
        int readsBefore = store.reads;
        for (int i = 0; i < 10_000; i++) {
            String name = "made-up-" + i;
            assertThatThrownBy(() -> sites.require(name)).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
        assertThat(store.reads).isEqualTo(readsBefore);
        assertThat(sites.require(null).allowedOrigins()).containsExactly("https://blog.example");
        assertThat(sites.require("default")).isSameAs(sites.require(""));
    }

    @Test
    void aSiteSavedOnAnotherNodeShowsAfterARefresh() {
        MemoryStore store = new MemoryStore();
        Sites here = new Sites(store, List.of(), Clock.systemUTC());
        Sites there = new Sites(store, List.of(), Clock.systemUTC());
        there.save("shop", List.of(), "a-moderator-token-long-enough");
        assertThatThrownBy(() -> here.require("shop")).isInstanceOf(ApiException.class);
        here.refresh();
        assertThat(here.moderates(here.require("shop"), "a-moderator-token-long-enough")).isTrue();
        assertThat(here.moderates(here.require("shop"), "a-moderator-token-long-enougH")).isFalse();
    }
}
