package dev.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.RawWsClient;
import dev.parley.TestApp;
import java.io.EOFException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A client that floods control frames cannot make the node answer without limit (a client that
 * pinged and never read made a node queue 67 MB of pongs for one socket): past ten a second the
 * connection is closed with 1008, and every pong counts against the connection's outbound budget
 * (ConnectionBudgetTest).
 */
class ControlFrameFloodTest {
    @AutoClose
    final TestApp app = TestApp.start();

    private static int pongsBeforeClose(RawWsClient client, int[] closeCode) throws Exception {
        int pongs = 0;
        try {
            while (true) {
                RawWsClient.Frame frame = client.readFrame();
                if (frame.opcode() == 0xA) {
                    pongs++;
                } else if (frame.opcode() == 0x8) {
                    closeCode[0] = frame.closeCode();
                    return pongs;
                }
            }
        } catch (EOFException e) {
            return pongs;
        }
    }

    @Test
    void aPingFloodIsClosedWith1008AfterTenPongs() throws Exception {
        try (RawWsClient client = RawWsClient.connect(app.port(), 65536)) {
            for (int i = 0; i < 100; i++) {
                client.sendFrame(0x9, new byte[125]);
            }
            int[] code = {-1};
            assertThat(pongsBeforeClose(client, code)).isLessThanOrEqualTo(10);
            assertThat(code[0]).isEqualTo(1008);
        }
    }

    @Test
    void aFloodOfUnaskedPongsIsClosedToo() throws Exception {
        try (RawWsClient client = RawWsClient.connect(app.port(), 65536)) {
            for (int i = 0; i < 100; i++) {
                client.sendFrame(0xA, new byte[125]);
            }
            assertThat(client.readUntilClose()).isEqualTo(1008);
        }
    }
}
