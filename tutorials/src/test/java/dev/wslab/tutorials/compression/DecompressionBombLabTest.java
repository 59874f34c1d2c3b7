package dev.wslab.tutorials.compression;

import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.transport.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;


import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Decompression bomb lab: a few KiB that inflate to 4 MiB are stopped at the 1 MiB limit with 1009")
class DecompressionBombLabTest {

    private DecompressionBombLab lab;

    @BeforeEach
    void start() throws Exception {
        lab = new DecompressionBombLab();
    }

    @AfterEach
    void stop() {
        lab.close();
    }

    @Test
    @DisplayName("the bomb: 4 MiB of zeros in about 4 KiB, over a thousand bytes inflated per byte sent")
    void theBomb() {
        DecompressionBomb bomb = DecompressionBomb.of(DecompressionBombLab.BOMB_SIZE);
        assertThat(bomb.compressed().length).as("a few KiB on the wire").isBetween(1024, 8 * 1024);
        assertThat(bomb.amplification()).isGreaterThan(1000);
        List<Frame> frames = bomb.frames(DecompressionBombLab.FRAGMENT_SIZE);
        assertThat(frames.getFirst().rsv1()).as("RSV1 on the first frame").isTrue();
        assertThat(frames.subList(1, frames.size())).extracting(Frame::rsv1)
                .as("never on a continuation (RFC 7692 §6.1)").containsOnly(false);
        assertThat(frames.getLast().fin()).isTrue();
    }

    @Test
    @DisplayName("the server closes with 1009 after about 1 KiB of the bomb, before the rest is sent, and serves another client")
    void stoppedAtTheLimit() throws Exception {
        DecompressionBombLab.Outcome outcome = lab.detonate();
        System.out.println(outcome);

        // tag::stopped[]
        assertThat(outcome.serverClose().code()).isEqualTo(CloseCode.MESSAGE_TOO_BIG);          // 1009
        assertThat(outcome.framesSent()).as("the message was never finished").isLessThan(outcome.frames());
        assertThat(outcome.bytesSent()).as("what the server got: its limit / ~1000")
                .isLessThan(outcome.bomb().compressed().length / 2);
        assertThat(outcome.serverLog().detail()).startsWith("code=1009").contains("sent=1009");

        String text = "{\"ok\": true} ".repeat(1260);                  // 16 KiB, compressed both ways
        assertThat(lab.anotherClient(text)).contains(new Message.Text(text));
        // end::stopped[]
    }

    @Test
    @DisplayName("the server never waited for the whole message: the bytes it had inflate past the limit already")
    void theBytesTheServerGotAreEnough() {
        DecompressionBomb bomb = DecompressionBomb.of(DecompressionBombLab.BOMB_SIZE);
        List<Frame> frames = bomb.frames(DecompressionBombLab.FRAGMENT_SIZE);
        int enough = DecompressionBomb.framesToPass(frames, DecompressionBombLab.MAX_MESSAGE_SIZE);
        assertThat(enough).isGreaterThan(1).isLessThan(frames.size());
        assertThat(DecompressionBomb.framesToPass(frames, DecompressionBombLab.BOMB_SIZE))
                .as("a limit above the bomb: every frame is inflated").isEqualTo(frames.size());
    }
}
