package dev.parley.comment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ibm.icu.text.SpoofChecker;
import dev.parley.protocol.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorNameTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "Grace Hopper",
            "José Ñúñez-García",
            "محمد عبد الله",              // Arabic
            "अनुष्का शर्मा",               // Hindi (virama conjuncts)
            "क्\u200Dष",                   // Devanagari: ZWJ after a virama
            "می\u200Cخواهم",              // Persian: ZWNJ between letters
            "نرگس\u200Cها",
            "ന്\u200D",                    // Malayalam chillu written with ZWJ, at the end
            "王小明",                       // Chinese
            "山田\u3000太郎",               // Japanese with an ideographic space
            "葛\uDB40\uDD00城",             // a Han ideograph with its variation selector (IVS)
            "Ана Петровић",                // Cyrillic on its own is a name, not an attack
            "👩\u200D💻 Ada",               // emoji ZWJ sequence
            "👨\u200D👩\u200D👧\u200D👦",     // family
            "🧑🏽\u200D🚀",                 // skin tone, then ZWJ
            "🏳\uFE0F\u200D🌈 Sam",          // presentation selector, then ZWJ
            "❤\uFE0F",
            "1\uFE0F\u20E3 fan",            // keycap
            "🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F Ewan", // flag of Scotland
            "O'Brien (the 2nd)",
    })
    void realNamesAreAccepted(String name) {
        assertThat(AuthorName.check(name)).isEqualTo(name);
    }

    static List<Object[]> refusedNames() {
        return List.of(
                new Object[] {"newline", "Ann\nBob", "control characters"},
                new Object[] {"tab", "Ann\tBob", "control characters"},
                new Object[] {"carriage return", "Ann\rBob", "control characters"},
                new Object[] {"C1 next line", "Ann\u0085Bob", "control characters"},
                new Object[] {"escape", "Ann\u001B[31m", "control characters"},
                new Object[] {"line separator", "Ann\u2028Bob", "control characters"},
                new Object[] {"right-to-left override", "Ann\u202Egnp.exe", "bidirectional"},
                new Object[] {"left-to-right embedding", "\u202AAnn", "bidirectional"},
                new Object[] {"first strong isolate", "Ann\u2068x\u2069", "bidirectional"},
                new Object[] {"right-to-left isolate", "\u2067Ann", "bidirectional"},
                new Object[] {"lone high surrogate", "Ann\uD800", "unpaired surrogate"},
                new Object[] {"lone low surrogate", "\uDC00Ann", "unpaired surrogate"},
                new Object[] {"zero-width space", "Pay\u200Bpal", "invisible characters (U+200B)"},
                new Object[] {"ZWJ between Latin letters", "Pay\u200Dpal", "invisible characters (U+200D)"},
                new Object[] {"ZWNJ between Latin letters", "Pay\u200Cpal", "invisible characters (U+200C)"},
                new Object[] {"ZWJ at the start", "\u200D👩", "invisible characters (U+200D)"},
                new Object[] {"word joiner", "Pay\u2060pal", "invisible characters (U+2060)"},
                new Object[] {"byte order mark", "\uFEFFPaypal", "invisible characters (U+FEFF)"},
                new Object[] {"soft hyphen", "Pay\u00ADpal", "invisible characters (U+00AD)"},
                new Object[] {"Mongolian vowel separator", "Pay\u180Epal", "invisible characters (U+180E)"},
                new Object[] {"Hangul filler", "\u3164", "invisible characters (U+3164)"},
                new Object[] {"halfwidth Hangul filler", "Ann\uFFA0", "invisible characters (U+FFA0)"},
                new Object[] {"braille blank", "\u2800\u2800", "invisible characters (U+2800)"},
                new Object[] {"variation selector after a letter", "Pay\uFE0Fpal", "invisible characters (U+FE0F)"},
                new Object[] {"combining grapheme joiner", "Pay\u034Fpal", "invisible characters (U+034F)"},
                new Object[] {"left-to-right mark", "Ann\u200E", "invisible characters (U+200E)"},
                new Object[] {"invisible times", "a\u2062b", "invisible characters (U+2062)"},
                new Object[] {"tag characters smuggling text", "Ann\uDB40\uDC41\uDB40\uDC42", "invisible characters (U+E0041)"},
                new Object[] {"unterminated flag tags", "🏴\uDB40\uDC67\uDB40\uDC62 Ewan", "tag characters"},
                new Object[] {"nothing visible", "\u0301\u0301", "visible character"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedNames")
    void namesThatHideOrReorderTextAreRefused(String why, String name, String reason) {
        assertThatThrownBy(() -> AuthorName.check(name)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code().wire()).isEqualTo("invalid_author");
            assertThat(e.getMessage()).contains(reason);
        });
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "payрal|paypal",          // Cyrillic er
            "раураl|paypal",          // all Cyrillic but the l
            "PayPal|paypal",
            "ＰａｙＰａｌ|paypal",       // fullwidth
            "paypa1|paypal",          // digit one
            "PaypaI|paypal",          // capital I
            "pay\u200Bpal|paypal",    // zero width, were it let through
            "Grace  Hopper|grace hopper",
            "𝐆𝐫𝐚𝐜𝐞 Hopper|grace hopper",  // mathematical bold
            "Ｇrace Ηopper|grace hopper",  // fullwidth G, Greek capital eta
    })
    void lookAlikeNamesHaveOneKey(String spoof, String original) {
        assertThat(AuthorName.key(spoof)).isEqualTo(AuthorName.key(original));
    }

    @Test
    void differentNamesKeepDifferentKeys() {
        List<String> names = List.of("paypal", "paypals", "pay pal", "grace hopper", "grace hooper", "王小明", "王小朋",
                "محمد", "محمود", "Ана", "Ася");
        assertThat(names.stream().map(AuthorName::key).distinct()).hasSameSizeAs(names);
    }

    /** Our table and skeleton against ICU's SpoofChecker (the reference), entry by entry. */
    @Test
    void everyConfusableHasTheSkeletonIcuGivesIt() throws IOException {
        SpoofChecker icu = new SpoofChecker.Builder().build();
        int checked = 0;
        try (InputStream in = Confusables.class.getResourceAsStream("confusables.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.startsWith("#")) {
                    continue;
                }
                String source = Character.toString(Integer.parseInt(line.substring(0, line.indexOf(';')), 16));
                assertThat(Confusables.skeleton(source)).as(line).isEqualTo(icu.getSkeleton(source));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(6565);
        for (String name : List.of("payрal", "Grace Hopper", "ʀᴏʙᴇʀᴛ", "नमस्ते", "ΑΒΓ")) {
            assertThat(Confusables.skeleton(name)).isEqualTo(icu.getSkeleton(name));
        }
    }
}
