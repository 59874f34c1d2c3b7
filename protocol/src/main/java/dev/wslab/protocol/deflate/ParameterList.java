package dev.wslab.protocol.deflate;

import dev.wslab.protocol.extension.Extension;
import dev.wslab.protocol.extension.ExtensionParameter;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of one permessage-deflate element, read and checked the way RFC 7692 §7 asks of both
 * sides: a server declines an offer, and a client fails the connection on a response, that has "a
 * parameter not defined for use in" it, "a parameter with an invalid value", or "multiple parameters
 * with the same name".
 */
final class ParameterList {

    /** What reading the parameters gave: each parameter present with its value, or the first problem. */
    sealed interface Reading {
        record Read(ParameterList parameters) implements Reading { }

        record Invalid(String problem) implements Reading { }
    }

    /** Whether the element is a client's offer or a server's response: one value may be left out in an offer. */
    enum Side { OFFER, RESPONSE }

    private final Map<DeflateParameter, Optional<Integer>> values;

    private ParameterList(Map<DeflateParameter, Optional<Integer>> values) {
        this.values = values;
    }

    static Reading read(Extension element, Side side) {
        Map<DeflateParameter, Optional<Integer>> values = new EnumMap<>(DeflateParameter.class);
        for (ExtensionParameter given : element.parameters()) {
            Optional<DeflateParameter> known = DeflateParameter.named(given.name());
            if (known.isEmpty()) {
                return new Reading.Invalid("unknown parameter " + given.name() + ": permessage-deflate defines only "
                        + "server_no_context_takeover, client_no_context_takeover, server_max_window_bits and"
                        + " client_max_window_bits (RFC 7692 §7)");
            }
            DeflateParameter parameter = known.get();
            if (values.containsKey(parameter)) {
                return new Reading.Invalid("parameter " + given.name() + " given twice; an element names each"
                        + " parameter once (RFC 7692 §7)");
            }
            switch (parameter.valueKind()) {
                case NONE -> {
                    if (given.value().isPresent()) {
                        return new Reading.Invalid(given.name() + " takes no value, got " + given
                                + " (" + parameter.citation() + ")");
                    }
                    values.put(parameter, Optional.empty());
                }
                case WINDOW_BITS -> {
                    if (given.value().isEmpty()) {
                        // §7.1.2.2: only a client's offer may leave client_max_window_bits without a value.
                        if (parameter != DeflateParameter.CLIENT_MAX_WINDOW_BITS || side == Side.RESPONSE) {
                            return new Reading.Invalid(given.name() + " needs a value from 8 to 15 ("
                                    + parameter.citation() + ")");
                        }
                        values.put(parameter, Optional.empty());
                    } else {
                        Optional<Integer> bits = DeflateParameter.windowBits(given.value().get());
                        if (bits.isEmpty()) {
                            String value = given.value().get();
                            String why = value.matches("[1-9][0-9]*") ? " is out of range: window bits go from 8 to 15"
                                    : " is not a window size: a decimal from 8 to 15 without leading zeros";
                            return new Reading.Invalid(given + why + " (" + parameter.citation() + ")");
                        }
                        values.put(parameter, bits);
                    }
                }
            }
        }
        return new Reading.Read(new ParameterList(values));
    }

    boolean has(DeflateParameter parameter) {
        return values.containsKey(parameter);
    }

    /** Returns the parameter's value; empty when it is absent or was given without one. */
    Optional<Integer> value(DeflateParameter parameter) {
        return values.getOrDefault(parameter, Optional.empty());
    }

    ContextTakeover context(DeflateParameter noContextTakeover) {
        return has(noContextTakeover) ? ContextTakeover.RESET : ContextTakeover.KEPT;
    }
}
