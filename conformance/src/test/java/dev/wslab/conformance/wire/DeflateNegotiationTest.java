package dev.wslab.conformance.wire;

import dev.wslab.protocol.deflate.ContextTakeover;
import dev.wslab.protocol.deflate.DeflateAgreement;
import dev.wslab.protocol.deflate.DirectionSettings;
import dev.wslab.protocol.extension.Extension;
import dev.wslab.protocol.http.HttpHeaders;
import dev.wslab.protocol.http.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeflateNegotiationTest {

    /** Autobahn 13.3's offer: the client lets the server limit the window the client compresses with. */
    private static final List<Extension> OFFER = DeflateNegotiation.offers("permessage-deflate; client_max_window_bits=9");

    @Test
    void a_response_without_the_header_declines_the_offer() {
        assertThat(DeflateNegotiation.read(response(), OFFER)).isEqualTo(new DeflateNegotiation.Answer.Declined());
    }

    @Test
    void a_response_naming_permessage_deflate_agrees_with_the_settings_it_names() {
        DeflateNegotiation.Answer answer = DeflateNegotiation.read(
                response("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits=9; server_no_context_takeover"),
                OFFER);

        assertThat(answer).isInstanceOf(DeflateNegotiation.Answer.Agreed.class);
        DeflateAgreement agreement = ((DeflateNegotiation.Answer.Agreed) answer).agreement();
        assertThat(agreement.clientToServer()).isEqualTo(new DirectionSettings(ContextTakeover.KEPT, 9));
        assertThat(agreement.serverToClient()).isEqualTo(new DirectionSettings(ContextTakeover.RESET, 15));
    }

    @Test
    void a_larger_server_window_than_offered_is_refused() {
        List<Extension> offer = DeflateNegotiation.offers("permessage-deflate; server_max_window_bits=10");

        DeflateNegotiation.Answer answer = DeflateNegotiation.read(
                response("Sec-WebSocket-Extensions", "permessage-deflate; server_max_window_bits=12"), offer);

        assertThat(answer).isInstanceOf(DeflateNegotiation.Answer.Refused.class);
        assertThat(((DeflateNegotiation.Answer.Refused) answer).problem()).contains("RFC 7692 §7.1.2.1");
    }

    @Test
    void two_elements_in_the_response_are_refused() {
        DeflateNegotiation.Answer answer = DeflateNegotiation.read(
                response("Sec-WebSocket-Extensions", "permessage-deflate, permessage-deflate"), OFFER);

        assertThat(answer).isInstanceOf(DeflateNegotiation.Answer.Refused.class);
    }

    @Test
    void a_malformed_header_is_refused() {
        DeflateNegotiation.Answer answer = DeflateNegotiation.read(
                response("Sec-WebSocket-Extensions", "permessage-deflate;;"), OFFER);

        assertThat(answer).isInstanceOf(DeflateNegotiation.Answer.Refused.class);
    }

    @Test
    void with_two_offers_an_answer_valid_for_the_second_is_agreed() {
        // the first offer limits the server's window to 9; the answer fits only the second, which does not
        List<Extension> offers = DeflateNegotiation.offers(
                "permessage-deflate; server_max_window_bits=9, permessage-deflate");

        DeflateNegotiation.Answer answer = DeflateNegotiation.read(response("Sec-WebSocket-Extensions", "permessage-deflate"),
                offers);

        assertThat(offers).hasSize(2);
        assertThat(answer).isInstanceOf(DeflateNegotiation.Answer.Agreed.class);
    }

    @Test
    void a_malformed_offer_is_a_programming_error() {
        assertThatThrownBy(() -> DeflateNegotiation.offers("permessage-deflate;;"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static HttpResponse response(String... headers) {
        return HttpResponse.of(101, HttpHeaders.of(headers));
    }
}
