package dev.wslab.conformance.properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wslab.conformance.properties.BrokenCompressedConversation.Misuse;
import dev.wslab.conformance.properties.CompressedConversation.Offer;
import dev.wslab.protocol.frame.Payload;

import java.util.ArrayList;
import java.util.List;

import static dev.wslab.conformance.properties.CaseFile.field;

/**
 * CompressedCaseFile is the part of a {@link CaseFile} that holds a compressed scenario: the offer, the
 * messages before compression with their fragment sizes, and the misuse of RSV1 for a broken one, e.g.
 * <pre>
 * "offer": "PLAIN", "messages": [{"type": "text", "payload": "6869", "fragmentSize": 0}],
 * "rsv1": {"on": "PING", "inside": false, "afterMessages": 1, "payload": ""}
 * </pre>
 */
final class CompressedCaseFile {

    /** The field that tells a compressed scenario from a plain one. */
    static final String OFFER = "offer";

    private CompressedCaseFile() {
    }

    static void write(ObjectNode root, CompressedConversation conversation) {
        root.put(OFFER, conversation.offer().name());
        root.put("offerHeader", conversation.offer().header());
        ArrayNode messages = root.putArray("messages");
        for (CompressedConversation.Message message : conversation.messages()) {
            messages.addObject().put("type", message.text() ? "text" : "binary")
                    .put("payload", message.payload().toHex()).put("fragmentSize", message.fragmentSize());
        }
    }

    static void write(ObjectNode root, BrokenCompressedConversation broken) {
        root.putObject("rsv1").put("on", broken.misuse().name()).put("inside", broken.inside())
                .put("afterMessages", broken.at()).put("payload", broken.payload().toHex())
                .put("expectedCode", broken.expectedCode());
        write(root, broken.conversation());
    }

    static CaseFile.Saved parse(JsonNode root, Property property) {
        List<CompressedConversation.Message> messages = new ArrayList<>();
        for (JsonNode node : field(root, "messages")) {
            messages.add(new CompressedConversation.Message(field(node, "type").asText().equals("text"),
                    Payload.hex(field(node, "payload").asText()), field(node, "fragmentSize").asInt()));
        }
        CompressedConversation conversation = new CompressedConversation(Offer.valueOf(field(root, OFFER).asText()),
                messages);
        if (!root.has("rsv1")) {
            return new CaseFile.Saved(property, conversation);
        }
        JsonNode rsv1 = root.get("rsv1");
        return new CaseFile.Saved(property, new BrokenCompressedConversation(conversation,
                field(rsv1, "afterMessages").asInt(), Misuse.valueOf(field(rsv1, "on").asText()),
                field(rsv1, "inside").asBoolean(), Payload.hex(field(rsv1, "payload").asText())));
    }
}
