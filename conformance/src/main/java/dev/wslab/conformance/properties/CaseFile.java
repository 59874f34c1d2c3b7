package dev.wslab.conformance.properties;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wslab.conformance.Step;
import dev.wslab.protocol.Rule;
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

    /** A saved scenario, plain or compressed, and its property. */
    public record Saved(Property property, Scenario scenario) {
    }

    /** Writes {@code scenario} with the property's seed and why it failed, to {@code file}. */
    public static void write(Path file, Property property, Scenario scenario, long seed, String reason) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("property", property.name());
        root.put("seed", seed);
        root.put("failure", reason);
        switch (scenario) {
            case Conversation valid -> writeMessages(root, valid);
            case BrokenConversation broken -> {
                ObjectNode violation = root.putObject("violation");
                violation.put("rule", broken.violation().rule().name());
                violation.put("expectedCode", broken.violation().expectedCode());
                violation.put("afterMessages", broken.at());
                violation.put("insideAfterFragments", broken.within());
                frames(violation.putArray("frames"), broken.violation().frames());
                writeMessages(root, broken.conversation());
            }
            case CompressedConversation compressed -> CompressedCaseFile.write(root, compressed);
            case BrokenCompressedConversation broken -> CompressedCaseFile.write(root, broken);
        }
        root.putArray("sentFrames").addAll(scenario.frames().stream().map(frame -> JSON.getNodeFactory().textNode(frame.toString())).toList());
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    private static void writeMessages(ObjectNode root, Conversation conversation) {
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
    }

    /**
     * Reads a file written by {@link #write} back into its property and scenario.
     *
     * @throws IOException when the file cannot be read, is not JSON, or is not a case file, with a one-line
     *     message saying which
     */
    public static Saved read(Path file) throws IOException {
        JsonNode root;
        try (var in = Files.newInputStream(file)) {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage().replaceAll("\\s*\\(start marker at .*", "");
            throw new IOException(file + " is not JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "): " + why, e);
        }
        try {
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("the file holds no JSON object");
            }
            return parse(root);
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a wslab property case: " + e.getMessage(), e);
        }
    }

    private static Saved parse(JsonNode root) {
        if (root.has(CompressedCaseFile.OFFER)) {
            return CompressedCaseFile.parse(root, Property.valueOf(field(root, "property").asText()));
        }
        List<Conversation.Message> messages = new ArrayList<>();
        for (JsonNode node : field(root, "messages")) {
            List<Conversation.Part> parts = new ArrayList<>();
            for (JsonNode part : field(node, "parts")) {
                parts.add(part.has("ping") ? new Conversation.Part.Ping(Payload.hex(part.get("ping").asText()))
                        : new Conversation.Part.Data(field(part, "fragment").asInt()));
            }
            messages.add(new Conversation.Message(field(node, "type").asText().equals("text"),
                    Payload.hex(field(node, "payload").asText()), parts));
        }
        Conversation conversation = new Conversation(messages, writing(field(root, "writing").asText()));
        Property property = Property.valueOf(field(root, "property").asText());
        if (!root.has("violation")) {
            return new Saved(property, conversation);
        }
        JsonNode violation = root.get("violation");
        List<Frame> frames = new ArrayList<>();
        for (JsonNode node : field(violation, "frames")) {
            frames.add(new Frame(field(node, "fin").asBoolean(), field(node, "rsv1").asBoolean(),
                    field(node, "rsv2").asBoolean(), field(node, "rsv3").asBoolean(), field(node, "opcode").asInt(),
                    false, 0, Payload.hex(field(node, "payload").asText())));
        }
        return new Saved(property, new BrokenConversation(conversation, field(violation, "afterMessages").asInt(),
                violation.path("insideAfterFragments").asInt(0),
                new Violation(Rule.valueOf(field(violation, "rule").asText()), frames)));
    }

    static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("no \"" + name + "\" field");
        }
        return value;
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
            default -> {
                if (!text.startsWith("chops:")) {
                    throw new IllegalArgumentException("\"writing\" is whole, per-frame or chops:N, got '" + text + "'");
                }
                yield Step.Writing.chops(Integer.parseInt(text.substring("chops:".length())));
            }
        };
    }
}
