package dev.parley.widget;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The widget as a reader sees it, in the page (or frame) the driver is on. Reads go through small
 * scripts over the open shadow root; typing and clicking go through real WebDriver input.
 */
public final class Widget {
    public static final Duration PATIENCE = Duration.ofSeconds(15);

    /**
     * One rendered comment, in document order. pending: an optimistic copy not confirmed yet; held:
     * confirmed, but waiting for a moderator's approval (pre-moderation).
     */
    public record Shown(String id, String author, String body, long depth, String parent, String to, boolean pending,
                        boolean held) {}

    private final WebDriver driver;

    public Widget(WebDriver driver) {
        this.driver = driver;
    }

    /** Opens a page that embeds the widget and waits until it is live and shown. */
    public Widget open(String url) {
        driver.get(url);
        awaitState("live", PATIENCE);
        awaitShown();
        return this;
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(
                "const root = document.getElementById('parley')?.shadowRoot;\n" + script, args);
    }

    public String state() {
        return (String) js("return root?.querySelector('.status')?.dataset.state ?? null;");
    }

    /** Text of the first element matching the selector inside the widget, or null. */
    public String text(String selector) {
        return (String) js("return root?.querySelector(arguments[0])?.textContent ?? null;", selector);
    }

    @SuppressWarnings("unchecked")
    public List<Shown> comments() {
        var raw = (List<Map<String, Object>>) js("""
                return [...(root?.querySelectorAll('.comment') ?? [])].map(el => ({
                    id: el.dataset.id ?? null,
                    author: el.querySelector(':scope > .meta .author').textContent,
                    body: el.querySelector(':scope > .body').textContent.trim(),
                    depth: +el.dataset.depth,
                    parent: el.parentElement.closest('.comment')?.dataset.id ?? null,
                    to: el.querySelector(':scope > .meta .to')?.textContent ?? null,
                    pending: el.classList.contains('pending'),
                    held: el.classList.contains('held'),
                }));""");
        return raw.stream().map(m -> new Shown((String) m.get("id"), (String) m.get("author"),
                (String) m.get("body"), (Long) m.get("depth"), (String) m.get("parent"), (String) m.get("to"),
                (Boolean) m.get("pending"), (Boolean) m.get("held"))).toList();
    }

    /** Bodies of the confirmed (not pending) comments, in document order. */
    public List<String> bodies() {
        return comments().stream().filter(c -> !c.pending()).map(Shown::body).toList();
    }

    public Shown comment(String body) {
        return comments().stream().filter(c -> c.body().equals(body)).findFirst()
                .orElseThrow(() -> new AssertionError("no comment with body " + body + " in " + comments()));
    }

    /** From now on, counts every comment element the widget adds (see {@link #commentsAdded()}). */
    public void countCommentsAdded() {
        js("""
                window.parleyAdded = 0;
                new MutationObserver(changes => changes.forEach(c => c.addedNodes.forEach(n => {
                  if (n.classList?.contains('comment')) window.parleyAdded++;
                }))).observe(root, { subtree: true, childList: true });""");
    }

    public long commentsAdded() {
        return (Long) js("return window.parleyAdded;");
    }

    public void awaitState(String state, Duration timeout) {
        await("widget state " + state, timeout, () -> state.equals(state()));
    }

    /**
     * Waits until the widget is visible. It stays hidden until its stylesheet has loaded (or failed),
     * a request of its own that nothing orders before "live": until then its styles are not applied,
     * nothing in it can be clicked or typed into, and {@link #actions} sees no buttons.
     */
    public void awaitShown() {
        await("the widget shown (its stylesheet settled)", PATIENCE,
                () -> Boolean.TRUE.equals(js("return root?.querySelector('.parley')?.hidden === false;")));
    }

    /**
     * Waits until the widget offers Edit on a comment, that is, knows it as the reader's own. That
     * comes with the post's ack (which also stores the author token), and the comment frame of the
     * same post can arrive first: it already confirms the comment on screen, without Edit and Delete.
     */
    public void awaitOwn(String id) {
        await("Edit offered on " + id + " (the ack made it the reader's own)", PATIENCE,
                () -> actions(id).contains("edit"));
    }

    /** Waits until a confirmed comment with this body is shown. */
    public Shown awaitComment(String body, Duration timeout) {
        await("a confirmed comment " + body, timeout, () -> bodies().contains(body));
        return comment(body);
    }

    /** Polls the condition every 50 ms until it holds; fails with what the widget shows at the deadline. */
    public void await(String what, Duration timeout, Supplier<Boolean> condition) {
        new WebDriverWait(driver, timeout, Duration.ofMillis(50))
                .withMessage(() -> what + "; the widget shows " + comments() + " in state " + state())
                .until(d -> condition.get());
    }

    public SearchContext shadow() {
        return driver.findElement(By.id("parley")).getShadowRoot();
    }

    /** Writes in the form at the top and sends with Ctrl+Enter. */
    public void post(String author, String body) {
        WebElement form = shadow().findElement(By.cssSelector(".parley > .form"));
        fill(form, author, body);
        form.findElement(By.tagName("textarea")).sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    }

    /** Writes in the form at the top of a signed-in reader's widget (no name field) and sends. */
    public void postSignedIn(String body) {
        WebElement text = shadow().findElement(By.cssSelector(".parley > .form textarea"));
        text.sendKeys(body);
        text.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    }

    /** Clicks Reply on a comment, writes, and clicks Post. */
    public void reply(String parentId, String author, String body) {
        String comment = ".comment[data-id='" + parentId + "']";
        shadow().findElement(By.cssSelector(comment + " > .actions .reply")).click();
        WebElement form = shadow().findElement(By.cssSelector(comment + " > .form"));
        fill(form, author, body);
        form.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** The error shown under the form at the top, or null while there is none. */
    public String formError() {
        return (String) js("const e = root.querySelector('.parley > .form > .error');"
                + " return e.hidden ? null : e.textContent;");
    }

    /** The text in the form at the top (a refused post's text comes back there). */
    public String draft() {
        return (String) js("return root.querySelector('.parley > .form textarea').value;");
    }

    /** The actions a comment offers the reader now, in order: "reply", "edit", "del". */
    @SuppressWarnings("unchecked")
    public List<String> actions(String id) {
        return (List<String>) js("""
                return [...root.querySelectorAll(`.comment[data-id='${arguments[0]}'] > .actions button`)]
                  .filter(b => b.offsetParent !== null)
                  .map(b => [...b.classList].find(c => c !== 'link'));""", id);
    }

    public WebElement button(String id, String action) {
        return shadow().findElement(By.cssSelector(".comment[data-id='" + id + "'] > .actions ." + action));
    }

    /**
     * Clicks Edit on a comment (once it is offered: see {@link #awaitOwn}) and waits until its edit
     * form has focus; returns the textarea.
     */
    public WebElement startEdit(String id) {
        awaitOwn(id);
        button(id, "edit").click();
        String editor = ".comment[data-id='" + id + "'] > .form.editor textarea";
        await("focus in the edit form of " + id, PATIENCE, () -> Boolean.TRUE.equals(
                js("return root.activeElement === root.querySelector(arguments[0]);", editor)));
        return shadow().findElement(By.cssSelector(editor));
    }

    /** Edits a comment in place by typing (Edit, replace the text, Ctrl+Enter); waits until saved. */
    public void edit(String id, String body) {
        WebElement text = startEdit(id);
        text.clear();
        text.sendKeys(body);
        text.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        awaitEditorClosed(id);
    }

    /**
     * Like {@link #edit}, but puts the text in through the DOM, for bodies with tabs or line breaks
     * that typing would turn into focus moves; still saves with a real Ctrl+Enter.
     */
    public void editVerbatim(String id, String body) {
        WebElement text = startEdit(id);
        js("const t = root.querySelector(`.comment[data-id='${arguments[0]}'] > .form.editor textarea`);"
                + " t.value = arguments[1]; t.dispatchEvent(new Event('input'));", id, body);
        text.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        awaitEditorClosed(id);
    }

    public void awaitEditorClosed(String id) {
        await("the edit form of " + id + " closed", PATIENCE, () -> js(
                "return root.querySelector(`.comment[data-id='${arguments[0]}'] > .form.editor`);", id) == null);
    }

    /** The error shown in a comment's open edit form, or null. */
    public String editError(String id) {
        return (String) js("""
                const e = root.querySelector(`.comment[data-id='${arguments[0]}'] > .form.editor > .error`);
                return e && !e.hidden ? e.textContent : null;""", id);
    }

    /** Deletes one's own comment: Delete, then the same button again to confirm. */
    public void delete(String id) {
        WebElement delete = button(id, "del");
        delete.click();
        await("Delete asks again", PATIENCE, () -> !"Delete".equals(delete.getText()));
        delete.click();
    }

    /** The author token the page keeps for this Parley server, or null. */
    public String token(String serverOrigin) {
        return (String) ((JavascriptExecutor) driver).executeScript(
                "return localStorage.getItem('parley.token@' + arguments[0]);", serverOrigin);
    }

    private static void fill(WebElement form, String author, String body) {
        WebElement name = form.findElement(By.cssSelector("input[name=author]"));
        name.clear();
        name.sendKeys(author);
        form.findElement(By.tagName("textarea")).sendKeys(body);
    }
}
