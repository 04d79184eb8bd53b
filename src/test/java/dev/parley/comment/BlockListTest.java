package dev.parley.comment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BlockListTest {

    private static boolean blocks(String word, String text) {
        return BlockList.of(List.of(word), List.of()).hasWord(Fold.of(text));
    }

    @ParameterizedTest(name = "{0} in \"{1}\": {2}")
    @CsvSource(delimiter = '|', value = {
            "viagra|cheap viagra here|true",
            "viagra|VIAGRA!|true",
            "viagra|viagrafalls is a place|false",
            "viagra|theviagra|false",
            "viagra|1viagra|false",
            "viagra|viagra2|false",
            "viagra|(viagra)|true",
            "viagra|ＶＩＡＧＲＡ|true",
            "viagra|vi\u00ADagra|true",
            "viagra|vi\u200Bagra|true",
            "buy now|BUY    NOW|true",
            "straße|STRASSE|true",
            "café|CAFE\u0301 noir|true",
            "café|cafeteria|false",
            "σοφία|ΣΟΦΊΑ|true",
            "дурак|ты ДУРАК.|true",
            "дурак|дураки|false",
            "💩|a 💩 b|true",
            "💩|💩💩|true",
            "乱码|这是乱码|false",
            "乱码|乱码|true",
    })
    void matchesWholeWordsInAnyCaseAndScript(String word, String text, boolean blocked) {
        assertThat(blocks(word, text)).isEqualTo(blocked);
    }

    @Test
    void findsEveryWordOfOverlappingListsInOnePass() {
        BlockList list = BlockList.of(List.of("he", "she", "his", "hers", "usher"), List.of());
        assertThat(list.hasWord("ushers")).isFalse();
        assertThat(list.hasWord("an usher")).isTrue();
        assertThat(list.hasWord("it is hers")).isTrue();
        assertThat(list.hasWord("ahishers")).isFalse();
        assertThat(list.hasWord("ahis she")).isTrue();
        // "hers" is found through the fail link of "she" → "he" → "her…": a suffix of a longer partial match.
        assertThat(BlockList.of(List.of("hers", "shx"), List.of()).hasWord("shers")).isFalse();
        assertThat(BlockList.of(List.of("hers", "shx"), List.of()).hasWord("s hers")).isTrue();
        assertThat(BlockList.of(List.of("ab", "b"), List.of()).hasWord("a b")).isTrue();
    }

    @Test
    void tenThousandWordsAreOneAutomatonWithAStateACharacterAtMost() {
        Random random = new Random(42);
        List<String> words = new ArrayList<>();
        int chars = 0;
        for (int i = 0; i < 10_000; i++) {
            StringBuilder w = new StringBuilder();
            for (int n = 4 + random.nextInt(9); n > 0; n--) {
                w.append((char) ('a' + random.nextInt(26)));
            }
            words.add(w.toString());
            chars += w.length();
        }
        BlockList list = BlockList.of(words, List.of());
        assertThat(list.states()).isLessThanOrEqualTo(chars + 1);
        for (String w : words) {
            assertThat(list.hasWord(Fold.of("say " + w.toUpperCase() + "!"))).as(w).isTrue();
            assertThat(list.hasWord("say " + w + "x0")).as(w).isFalse();
        }
    }

    @Test
    void domainsBlockThemselvesAndTheirSubdomainsOnly() {
        BlockList list = BlockList.of(List.of(), List.of("Spam.Example", "bücher.de", "evil.com."));
        assertThat(list.blocksHost("spam.example")).isTrue();
        assertThat(list.blocksHost("shop.spam.example")).isTrue();
        assertThat(list.blocksHost("notspam.example")).isFalse();
        assertThat(list.blocksHost("spam.example.org")).isFalse();
        assertThat(list.blocksHost("xn--bcher-kva.de")).isTrue();
        assertThat(list.blocksHost("evil.com")).isTrue();
        assertThat(list.blocksHost("com")).isFalse();
    }

    @Test
    void theListIsCompiledOncePerChangeNotPerPost() {
        ContentFilter filter = new ContentFilter(5);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            words.add("word" + i);
        }
        for (int post = 0; post < 200; post++) {
            // The store hands out a fresh copy of the settings every second: equal lists, new object.
            ModerationSettings settings = new ModerationSettings(post % 2 == 0, words, List.of("spam.example"));
            filter.check("hello number " + post, "<p>hello number " + post + "</p>", settings);
        }
        assertThat(filter.builds()).isEqualTo(1);
        List<String> more = new ArrayList<>(words);
        more.add("another");
        ModerationSettings changed = new ModerationSettings(false, more, List.of("spam.example"));
        for (int post = 0; post < 50; post++) {
            filter.check("hello " + post, "<p>hello " + post + "</p>", changed);
        }
        assertThat(filter.builds()).isEqualTo(2);
        assertThat(filter.blockList(changed).hasWord("say word9999")).isTrue();
    }
}
