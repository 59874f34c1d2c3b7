package dev.wslab.conformance.judge;

import dev.wslab.conformance.HandshakeCheck;
import dev.wslab.protocol.extension.Extension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("the offer judge reads the offers back from the request its check writes")
class DeflateOfferJudgeTest {

    @Test
    @DisplayName("offers over two Sec-WebSocket-Extensions lines form one list, in order (RFC 6455 §9.1)")
    void offersOverTwoLines() {
        HandshakeCheck check = new HandshakeCheck("splits its offers", head -> head.replace("\r\n\r\n",
                "\r\nSec-WebSocket-Extensions: permessage-deflate; x_wslab_unknown\r\n"
                        + "sec-websocket-extensions: permessage-deflate, other\r\n\r\n"), new byte[0],
                HandshakeCheck.Answer.DECLINE_INVALID_OFFERS);
        assertThat(DeflateOfferJudge.offersIn(check)).extracting(Extension::toHeaderValue)
                .containsExactly("permessage-deflate; x_wslab_unknown", "permessage-deflate", "other");
    }
}
