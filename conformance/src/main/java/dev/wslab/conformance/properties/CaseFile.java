package dev.wslab.conformance.properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wslab.conformance.Step;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Payload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CaseFile saves a shrunk counterexample as JSON: the scenario itself (messages, fragments, Pings, the
 * violation), which {@link #read} turns back into the same scenario to replay, and, for people, the frames
 * as sent (before masking), the seed and why the property failed.
 */
public final class CaseFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CaseFile() {
    }

    /** A saved scenario: a {@link Conversation} or a {@link BrokenConversation}, and its property. */
    public record Saved(Property property, Object scenario) {
    }

    /** Writes {@code scenario} with the property's seed and why it failed, to {@code file}. */
    public static void write(Path file, Property property, Object scenario, long seed, String reason) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("property", property.name());
        root.put("seed", seed);
        root.put("failure", reason);
        Conversation conversation = switch (scenario) {
            case Conversation valid -> valid;
            case BrokenConversation broken -> {
                ObjectNode violation = root.putObject("violation");
                violation.put("kind", broken.violation().kind().name());
                violation.put("expectedCode", broken.violation().expectedCode());
                violation.put("afterMessages", broken.at());
                frames(violation.putArray("frames"), broken.violation().frames());
                yield broken.conversation();
            }
            default -> throw new IllegalArgumentException("not a scenario: " + scenario);
        };
        root.put("writing", writing(conversation.writing()));
        ArrayNode messages = root.putArray("messages");
        for (Conversation.Message message : conversation.messages()) {
            ObjectNode node = messages.addObject();
            node.put("type", message.text() ? "text" : "binary");
            node.put("payload", message.payload().toHex());
            ArrayNode parts = node.putArray("parts");
            for (Conversation.Part part : message.parts()) {
                switch (part) {
                    case Conversation.Part.Data data -> parts.addObject().put("fragment", data.length());
                    case Conversation.Part.Ping ping -> parts.addObject().put("ping", ping.payload().toHex());
                }
            }
        }
        List<Frame> sent = scenario instanceof BrokenConversation broken ? broken.frames() : conversation.frames();
        root.putArray("sentFrames").addAll(sent.stream().map(frame -> JSON.getNodeFactory().textNode(frame.toString())).toList());
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    /** Reads a file written by {@link #write} back into its property and scenario. */
    public static Saved read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        List<Conversation.Message> messages = new ArrayList<>();
        for (JsonNode node : root.get("messages")) {
            List<Conversation.Part> parts = new ArrayList<>();
            for (JsonNode part : node.get("parts")) {
                parts.add(part.has("ping") ? new Conversation.Part.Ping(Payload.hex(part.get("ping").asText()))
                        : new Conversation.Part.Data(part.get("fragment").asInt()));
            }
            messages.add(new Conversation.Message(node.get("type").asText().equals("text"),
                    Payload.hex(node.get("payload").asText()), parts));
        }
        Conversation conversation = new Conversation(messages, writing(root.get("writing").asText()));
        Property property = Property.valueOf(root.get("property").asText());
        if (!root.has("violation")) {
            return new Saved(property, conversation);
        }
        JsonNode violation = root.get("violation");
        List<Frame> frames = new ArrayList<>();
        for (JsonNode node : violation.get("frames")) {
            frames.add(new Frame(node.get("fin").asBoolean(), node.get("rsv1").asBoolean(), node.get("rsv2").asBoolean(),
                    node.get("rsv3").asBoolean(), node.get("opcode").asInt(), false, 0, Payload.hex(node.get("payload").asText())));
        }
        return new Saved(property, new BrokenConversation(conversation, violation.get("afterMessages").asInt(),
                new Violation(Violation.Kind.valueOf(violation.get("kind").asText()), frames,
                        violation.get("expectedCode").asInt())));
    }

    private static void frames(ArrayNode array, List<Frame> frames) {
        for (Frame frame : frames) {
            array.addObject().put("fin", frame.fin()).put("rsv1", frame.rsv1()).put("rsv2", frame.rsv2())
                    .put("rsv3", frame.rsv3()).put("opcode", frame.opcode()).put("payload", frame.payload().toHex());
        }
    }

    /** Returns {@code whole}, {@code per-frame} or {@code chops:N}. */
    static String writing(Step.Writing writing) {
        return switch (writing) {
            case Step.Writing.Whole whole -> "whole";
            case Step.Writing.PerFrame perFrame -> "per-frame";
            case Step.Writing.Chops chops -> "chops:" + chops.size();
        };
    }

    private static Step.Writing writing(String text) {
        return switch (text) {
            case "whole" -> Step.Writing.WHOLE;
            case "per-frame" -> Step.Writing.PER_FRAME;
            default -> Step.Writing.chops(Integer.parseInt(text.substring("chops:".length())));
        };
    }
}
