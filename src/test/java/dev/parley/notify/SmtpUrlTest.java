package dev.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpUrlTest {
    @Test
    void smtpRequiresStartTlsAndChecksTheServerByDefault() {
        SmtpUrl url = SmtpUrl.parse("smtp://parley:s3cr%40t@mail.example.com:587");
        assertThat(url.user()).isEqualTo("parley");
        assertThat(url.password()).isEqualTo("s3cr@t");
        Properties p = url.properties();
        assertThat(p).containsEntry("mail.smtp.starttls.enable", "true").containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true").containsEntry("mail.smtp.auth", "true");
    }

    @Test
    void smtpsSpeaksTlsFromTheStartOnPort465() {
        SmtpUrl url = SmtpUrl.parse("smtps://u:p@mail.example.com");
        assertThat(url.port()).isEqualTo(465);
        assertThat(url.properties()).containsEntry("mail.transport.protocol", "smtps")
                .containsEntry("mail.smtps.ssl.enable", "true").containsEntry("mail.smtps.ssl.checkserveridentity", "true");
    }

    @Test
    void startTlsCanBeRelaxedOnlyByName() {
        assertThat(SmtpUrl.parse("smtp://relay:25?starttls=optional").properties())
                .containsEntry("mail.smtp.starttls.enable", "true").containsEntry("mail.smtp.starttls.required", "false");
        assertThat(SmtpUrl.parse("smtp://relay:25?starttls=off").properties())
                .containsEntry("mail.smtp.starttls.enable", "false").containsEntry("mail.smtp.auth", "false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://u:hunter2@host", "smtp://u:hunter2@", "smtp://u:hunter2@host?starttls=maybe",
            "smtp://u:hunter2@host?starttls=off&x=1", "smtp://u:hunter2@ho st"})
    void aBadUrlIsRefusedWithoutRepeatingThePassword(String bad) {
        assertThatThrownBy(() -> SmtpUrl.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void itsTextNamesNoCredentials() {
        assertThat(SmtpUrl.parse("smtp://parley:hunter2@mail.example.com:587").toString())
                .isEqualTo("smtp://mail.example.com:587 (STARTTLS required)");
    }
}
