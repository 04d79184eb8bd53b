package dev.parley.notify;

import dev.parley.protocol.ThreadKey;
import dev.parley.protocol.Comment;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The text of each mail: plain text only (a comment's Markdown source, never its HTML, so nothing
 * in a comment can become markup or a link target in a mail client beyond what the text shows).
 * Reader mails carry an unsubscribe link in the text and in RFC 8058 headers, which mail clients
 * turn into a one-click button. Subjects are built from fixed words and a name stripped of
 * control characters, so no header can be injected.
 */
public final class Letters {
    public static final String CONFIRM_PATH = "/api/v1/notify/confirm";
    public static final String UNSUBSCRIBE_PATH = "/api/v1/notify/unsubscribe";
    /** The permalink fragment the widget scrolls to. */
    public static final String FRAGMENT = "#parley-";

    private final Mailer mailer;
    private final InternetAddress from;
    private final String publicUrl;
    private final MailTokens tokens;

    public Letters(Mailer mailer, String from, String publicUrl, MailTokens tokens) {
        this.mailer = mailer;
        try {
            this.from = new InternetAddress(EmailAddress.check(from), "Parley comments", "UTF-8");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        this.publicUrl = publicUrl;
        this.tokens = tokens;
    }

    /** The message for a claimed mail; null when there is nothing to say any more (the comment went). */
    public MimeMessage write(MailStore.Letter letter) throws MessagingException {
        Comment c = letter.comment().comment();
        String place = letter.pageUrl() != null ? letter.pageUrl() : "thread " + oneLine(ThreadKey.thread(c.thread()));
        String link = letter.pageUrl() != null ? letter.pageUrl() + FRAGMENT + c.id() : null;
        MimeMessage m = mailer.message();
        m.setFrom(from);
        m.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(letter.address()));
        m.setHeader("Auto-Submitted", "auto-generated");
        switch (letter.kind()) {
            case CONFIRM -> {
                m.setSubject("Confirm: mail me replies to my comment", "UTF-8");
                m.setText("Someone, hopefully you, left this address with a comment on " + place + " and asked to be"
                        + " told of replies by mail.\n\nTo confirm, open this link within "
                        + MailTokens.CONFIRM_FOR.toDays() + " days:\n" + link(CONFIRM_PATH, MailTokens.Purpose.CONFIRM,
                        letter) + "\n\nIf it was not you, ignore this mail: nothing more will be sent."
                        + unsubscribe(m, letter), "UTF-8");
            }
            case REPLY -> {
                if (c.deleted() || c.pending()) {
                    return null;
                }
                m.setSubject("New reply from " + oneLine(c.author()), "UTF-8");
                m.setText(oneLine(c.author()) + " replied to your comment on " + place + ":\n\n" + text(c.body())
                        + (link == null ? "" : "\n\nRead it there: " + link) + unsubscribe(m, letter), "UTF-8");
            }
            case MODERATOR -> {
                if (c.deleted()) {
                    return null;
                }
                m.setSubject((c.pending() ? "Comment waiting for approval from " : "New comment from ")
                        + oneLine(c.author()), "UTF-8");
                m.setText(oneLine(c.author()) + (c.pending() ? " wrote (waiting for approval) on " : " wrote on ")
                        + place + ":\n\n" + text(c.body()) + (link == null || c.pending() ? "" : "\n\n" + link)
                        + "\n\nModerate: " + publicUrl + "/admin\n", "UTF-8");
            }
            default -> throw new IllegalStateException();
        }
        return m;
    }

    private String unsubscribe(MimeMessage m, MailStore.Letter letter) throws MessagingException {
        String url = link(UNSUBSCRIBE_PATH, MailTokens.Purpose.UNSUBSCRIBE, letter);
        m.setHeader("List-Unsubscribe", "<" + url + ">");
        m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return "\n\n--\nStop these mails (one click): " + url + "\n";
    }

    private String link(String path, MailTokens.Purpose purpose, MailStore.Letter letter) {
        return publicUrl + path + "?token=" + tokens.issue(purpose, letter.authorId(), letter.address());
    }

    /** A name or thread on one line: control characters (CR and LF among them) become spaces. */
    static String oneLine(String s) {
        return s.replaceAll("\\p{Cntrl}", " ").strip();
    }

    /** A comment's text with control characters other than line breaks and tabs removed. */
    private static String text(String body) {
        return body.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "");
    }
}
