package dev.parley.widget;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The widget as a reader sees it, in the page (or frame) the driver is on. Reads go through small
 * scripts over the open shadow root; typing and clicking go through real WebDriver input.
 */
final class Widget {
    static final Duration PATIENCE = Duration.ofSeconds(15);

    /** One rendered comment, in document order. */
    record Shown(String id, String author, String body, long depth, String parent, String to, boolean pending) {}

    private final WebDriver driver;

    Widget(WebDriver driver) {
        this.driver = driver;
    }

    /** Opens a page that embeds the widget and waits until it is live. */
    Widget open(String url) {
        driver.get(url);
        awaitState("live", PATIENCE);
        return this;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(
                "const root = document.getElementById('parley')?.shadowRoot;\n" + script, args);
    }

    String state() {
        return (String) js("return root?.querySelector('.status')?.dataset.state ?? null;");
    }

    /** Text of the first element matching the selector inside the widget, or null. */
    String text(String selector) {
        return (String) js("return root?.querySelector(arguments[0])?.textContent ?? null;", selector);
    }

    @SuppressWarnings("unchecked")
    List<Shown> comments() {
        var raw = (List<Map<String, Object>>) js("""
                return [...(root?.querySelectorAll('.comment') ?? [])].map(el => ({
                    id: el.dataset.id ?? null,
                    author: el.querySelector(':scope > .meta .author').textContent,
                    body: el.querySelector(':scope > .body').textContent.trim(),
                    depth: +el.dataset.depth,
                    parent: el.parentElement.closest('.comment')?.dataset.id ?? null,
                    to: el.querySelector(':scope > .meta .to')?.textContent ?? null,
                    pending: el.classList.contains('pending'),
                }));""");
        return raw.stream().map(m -> new Shown((String) m.get("id"), (String) m.get("author"),
                (String) m.get("body"), (Long) m.get("depth"), (String) m.get("parent"), (String) m.get("to"),
                (Boolean) m.get("pending"))).toList();
    }

    /** Bodies of the confirmed (not pending) comments, in document order. */
    List<String> bodies() {
        return comments().stream().filter(c -> !c.pending()).map(Shown::body).toList();
    }

    Shown comment(String body) {
        return comments().stream().filter(c -> c.body().equals(body)).findFirst()
                .orElseThrow(() -> new AssertionError("no comment with body " + body + " in " + comments()));
    }

    /** From now on, counts every comment element the widget adds (see {@link #commentsAdded()}). */
    void countCommentsAdded() {
        js("""
                window.parleyAdded = 0;
                new MutationObserver(changes => changes.forEach(c => c.addedNodes.forEach(n => {
                  if (n.classList?.contains('comment')) window.parleyAdded++;
                }))).observe(root, { subtree: true, childList: true });""");
    }

    long commentsAdded() {
        return (Long) js("return window.parleyAdded;");
    }

    void awaitState(String state, Duration timeout) {
        await("widget state " + state, timeout, () -> state.equals(state()));
    }

    /** Waits until a confirmed comment with this body is shown. */
    Shown awaitComment(String body, Duration timeout) {
        await("a confirmed comment " + body, timeout, () -> bodies().contains(body));
        return comment(body);
    }

    /** Polls the condition every 50 ms until it holds; fails with what the widget shows at the deadline. */
    void await(String what, Duration timeout, Supplier<Boolean> condition) {
        new WebDriverWait(driver, timeout, Duration.ofMillis(50))
                .withMessage(() -> what + "; the widget shows " + comments() + " in state " + state())
                .until(d -> condition.get());
    }

    SearchContext shadow() {
        return driver.findElement(By.id("parley")).getShadowRoot();
    }

    /** Writes in the form at the top and sends with Ctrl+Enter. */
    void post(String author, String body) {
        WebElement form = shadow().findElement(By.cssSelector(".parley > .form"));
        fill(form, author, body);
        form.findElement(By.tagName("textarea")).sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    }

    /** Clicks Reply on a comment, writes, and clicks Post. */
    void reply(String parentId, String author, String body) {
        String comment = ".comment[data-id='" + parentId + "']";
        shadow().findElement(By.cssSelector(comment + " > .actions .reply")).click();
        WebElement form = shadow().findElement(By.cssSelector(comment + " > .form"));
        fill(form, author, body);
        form.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private static void fill(WebElement form, String author, String body) {
        WebElement name = form.findElement(By.cssSelector("input[name=author]"));
        name.clear();
        name.sendKeys(author);
        form.findElement(By.tagName("textarea")).sendKeys(body);
    }
}
