package dev.wslab.protocol.handshake;

import dev.wslab.protocol.http.HttpRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static dev.wslab.protocol.handshake.HandshakeRejection.Kind;
import static dev.wslab.protocol.handshake.Requests.accepted;
import static dev.wslab.protocol.handshake.Requests.minimal;
import static dev.wslab.protocol.handshake.Requests.rejected;
import static dev.wslab.protocol.handshake.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("§4.2.2 /subprotocol/: selection")
class ServerHandshakeSubprotocolTest {

    @Test
    void theServersFirstPreferenceThatWasOfferedIsChosen() {
        HttpRequest request = minimal("", "Sec-WebSocket-Protocol: a, b, c\r\n");
        assertThat(accepted(ServerHandshake.supporting("x", "c", "b").validate(request)).subprotocol()).contains("c");
    }

    @Test
    void noSharedSubprotocolMeansNoHeaderNeverAnEmptyOne() {
        HttpRequest request = minimal("", "Sec-WebSocket-Protocol: a, b\r\n");
        ServerHandshakeResult.Accepted accepted = accepted(ServerHandshake.supporting("x").validate(request));
        assertThat(accepted.subprotocol()).isEmpty();
        assertThat(accepted.response().headers().contains("Sec-WebSocket-Protocol")).isFalse();
    }

    @Test
    void aClientThatOffersNoneGetsNoneWhateverTheServerSupports() {
        assertThat(accepted(ServerHandshake.supporting("chat").validate(minimal("", ""))).subprotocol()).isEmpty();
    }

    @Test
    void offersAcrossRepeatedFieldsAreOneList() {
        HttpRequest request = minimal("", "Sec-WebSocket-Protocol: a\r\nSec-WebSocket-Protocol: b\r\n");
        assertThat(accepted(ServerHandshake.supporting("b").validate(request)).subprotocol()).contains("b");
    }

    @Test
    void subprotocolsCompareExactly() {
        HttpRequest request = minimal("", "Sec-WebSocket-Protocol: Chat\r\n");
        assertThat(accepted(ServerHandshake.supporting("chat").validate(request)).subprotocol()).isEmpty();
    }

    @Test
    void aSelectorGetsTheOffersInTheClientsOrder() {
        HttpRequest request = minimal("", "Sec-WebSocket-Protocol: b, a\r\n");
        ServerHandshake handshake = ServerHandshake.selectingWith(offered -> Optional.of(offered.getFirst()));
        assertThat(accepted(handshake.validate(request)).subprotocol()).contains("b");
    }

    @Test
    void aSelectorThatPicksOneNotOfferedIsABug() {
        ServerHandshake handshake = ServerHandshake.selectingWith(offered -> Optional.of("chat"));
        assertThatThrownBy(() -> handshake.validate(minimal("", "Sec-WebSocket-Protocol: other\r\n")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not offer");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", " , ", "chat room", "chat, sup@r", "\"chat\""})
    @DisplayName("§4.3: a Sec-WebSocket-Protocol that is not 1#token is refused with 400")
    void aListThatIsNotTokensIsRefused(String value) {
        rejected(minimal("", "Sec-WebSocket-Protocol: " + value + "\r\n"), Kind.INVALID_SUBPROTOCOLS, 400);
    }
}
