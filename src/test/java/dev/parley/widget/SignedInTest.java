package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A site signs its users in (data-sso): no name field, a verified name and the avatar it signed. */
@ExtendWith(Browser.Required.class)
class SignedInTest {
    static final String SECRET = "widget-tests-sso-secret-of-32-characters";
    static final String AVATAR = "https://avatars.example/ann.png";

    @AutoClose static Stage stage;
    @AutoClose static Browser two;

    @BeforeAll
    static void start() {
        stage = Stage.start(Map.of("PARLEY_SSO_SECRET", SECRET), Browser::english);
        two = Browser.english();
    }

    @Test
    void signedInReaderPostsWithoutANameAndEveryoneSeesAVerifiedNameAndAvatar() {
        String thread = "sso/post";
        stage.api().post(thread, null, "Anonymous Al", "No account here");
        String token = jwt("u-42", "Ann Signed", Instant.now().plusSeconds(600));
        Widget ann = stage.open(Map.of("thread", thread, "sso", token));
        Widget bob = new Widget(two.driver).open(stage.site.page("", Map.of("thread", thread)));
        assertThat(ann.js("return root.querySelector('input[name=author]');")).as("no name field").isNull();
        for (Widget reader : new Widget[] {ann, bob}) recordImages(reader);

        ann.postSignedIn("Signed and sealed");

        for (Widget reader : new Widget[] {ann, bob}) {
            Widget.Shown shown = reader.awaitComment("Signed and sealed", Widget.PATIENCE);
            assertThat(shown.author()).isEqualTo("Ann Signed");
            assertThat(reader.js("return " + meta(shown.id()) + ".querySelector('.verified').hidden;"))
                    .isEqualTo(false);
            String anonymous = meta(reader.comment("No account here").id());
            assertThat(reader.js("return " + anonymous + ".querySelector('.verified').hidden;")).isEqualTo(true);
            assertThat(reader.js("return " + anonymous + ".querySelector('img');")).isNull();
            // avatars.example cannot be reached from here, so the image fails and is hidden: no broken-image icon.
            assertThat(reader.js("return window.parleyImages;")).as("the avatar, as the widget inserted it")
                    .isEqualTo(List.of(List.of(AVATAR, "no-referrer", "lazy", "", shown.id())));
            reader.await("the failed avatar hidden", Widget.PATIENCE, () -> Boolean.FALSE.equals(
                    reader.js("return " + meta(shown.id()) + ".querySelector('img')?.checkVisibility();")));
        }
        String annsComment = ann.comment("Signed and sealed").id();
        ann.awaitOwn(annsComment); // Edit comes with the ack, which may follow the comment frame
        assertThat(ann.actions(annsComment)).containsExactly("reply", "edit", "del");

        // An edit fills the comment again in both widgets; the failed avatar is not loaded a second time.
        ann.edit(annsComment, "Signed, sealed and edited");
        for (Widget reader : new Widget[] {ann, bob}) {
            reader.awaitComment("Signed, sealed and edited", Widget.PATIENCE);
            assertThat(reader.js("return window.parleyImages.length;")).as("images inserted").isEqualTo(1L);
        }
    }

    /** From now on, records every image the widget inserts: [src, referrerPolicy, loading, alt, comment id]. */
    private static void recordImages(Widget reader) {
        reader.js("""
                window.parleyImages = [];
                new MutationObserver(changes => changes.forEach(c => c.addedNodes.forEach(n => {
                  for (const img of n.tagName === 'IMG' ? [n] : [...(n.querySelectorAll?.('img') ?? [])]) {
                    window.parleyImages.push([img.getAttribute('src'), img.referrerPolicy, img.loading, img.alt,
                        img.closest('.comment').dataset.id]);
                  }
                }))).observe(root, { subtree: true, childList: true });""");
    }

    @Test
    void anExpiredSignInIsRefusedWithAMessageAndTheTextIsKept() {
        Widget ann = stage.open(Map.of("thread", "sso/expired",
                "sso", jwt("u-43", "Ann Expired", Instant.now().minusSeconds(3600))));

        ann.postSignedIn("Signed long ago");

        ann.await("the refusal", Widget.PATIENCE,
                () -> "Your sign-in could not be verified. Please reload the page.".equals(ann.formError()));
        assertThat(ann.draft()).isEqualTo("Signed long ago");
        assertThat(ann.comments()).isEmpty();
    }

    @Test
    void aSignedInReaderSeesTheNameTheyPostAsAndNoNameField() {
        Widget zoe = stage.open(Map.of("thread", "sso/as", "sso", jwt("u-44", "Zoë Ünïcode 李", Instant.now().plusSeconds(600))));

        assertThat(zoe.text(".parley > .form .as")).isEqualTo("Posting as Zoë Ünïcode 李");
        assertThat(zoe.js("return root.querySelector('input[name=author]');")).isNull();
    }

    @Test
    void anAnonymousReaderTakingASignedInUsersNameIsToldItIsTaken() {
        Widget grace = stage.open(Map.of("thread", "sso/taken", "sso", jwt("u-45", "Grace Signed", Instant.now().plusSeconds(600))));
        grace.postSignedIn("My name, signed");
        grace.awaitComment("My name, signed", Widget.PATIENCE);

        Widget impostor = new Widget(two.driver).open(stage.site.page("", Map.of("thread", "sso/taken")));
        impostor.post("Grace Signed", "Not really Grace");

        impostor.await("the refusal", Widget.PATIENCE,
                () -> "This name belongs to a signed-in user. Please choose another.".equals(impostor.formError()));
        assertThat(impostor.draft()).isEqualTo("Not really Grace");
    }

    private static String meta(String id) {
        return "root.querySelector(`.comment[data-id='" + id + "'] > .meta`)";
    }

    /** An HS256 JWT as a site would sign it for its user. */
    static String jwt(String sub, String name, Instant expires) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(new JsonObject().put("sub", sub).put("name", name).put("avatar", AVATAR)
                .put("exp", expires.getEpochSecond()).encode().getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + b64.encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
