package dev.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP server in the test (GreenMail) on a fixed free port, so it can be stopped and
 * started again where the node expects it. Reads what arrived.
 */
final class Mailbox implements AutoCloseable {
    private final int port;
    private GreenMail server;

    private Mailbox(int port) {
        this.port = port;
    }

    static Mailbox start() {
        try (ServerSocket probe = new ServerSocket(0)) {
            Mailbox box = new Mailbox(probe.getLocalPort());
            probe.close();
            box.up();
            return box;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the node sends: plain SMTP on loopback (GreenMail offers no STARTTLS here). */
    String url() {
        return "smtp://127.0.0.1:" + port + "?starttls=off";
    }

    void up() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    void down() {
        server.stop();
    }

    List<MimeMessage> messages() {
        return List.of(server.getReceivedMessages());
    }

    /** Waits until {@code count} messages arrived in all (fails after 15 s) and returns them. */
    List<MimeMessage> await(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (server.getReceivedMessages().length < count && System.nanoTime() < deadline) {
            server.waitForIncomingEmail(200, count);
        }
        List<MimeMessage> got = messages();
        assertThat(got).as("mails received").hasSizeGreaterThanOrEqualTo(count);
        return got;
    }

    /** The mails that went to {@code address}, in the order they arrived. */
    List<MimeMessage> to(String address) {
        return messages().stream().filter(m -> to(m).equals(address)).toList();
    }

    static String text(MimeMessage m) {
        try {
            return m.getContent().toString();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String to(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String header(MimeMessage m, String name) {
        try {
            String[] values = m.getHeader(name);
            return values == null ? null : values[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first link in the text of the mail that goes to {@code path}, made to reach {@code base} instead. */
    static String link(MimeMessage m, String path, String base) {
        Matcher found = Pattern.compile("https?://\\S+?" + Pattern.quote(path) + "\\?token=[A-Za-z0-9_.\\-]+")
                .matcher(text(m));
        assertThat(found.find()).as("a link to " + path + " in:\n" + text(m)).isTrue();
        String url = found.group();
        return base + url.substring(url.indexOf(path));
    }

    @Override
    public void close() {
        server.stop();
    }
}
