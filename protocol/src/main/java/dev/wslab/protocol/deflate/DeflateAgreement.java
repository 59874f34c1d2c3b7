package dev.wslab.protocol.deflate;

import dev.wslab.protocol.Role;
import dev.wslab.protocol.extension.Extension;
import dev.wslab.protocol.extension.ExtensionParameter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The permessage-deflate parameters both sides agreed on in the opening handshake (RFC 7692 §7.1),
 * one {@link DirectionSettings} per direction.
 */
public record DeflateAgreement(DirectionSettings serverToClient, DirectionSettings clientToServer) {

    public DeflateAgreement {
        Objects.requireNonNull(serverToClient, "serverToClient");
        Objects.requireNonNull(clientToServer, "clientToServer");
    }

    /** Returns the settings for what the endpoint playing {@code role} sends. */
    public DirectionSettings sending(Role role) {
        return role == Role.SERVER ? serverToClient : clientToServer;
    }

    /** Returns the settings for what the endpoint playing {@code role} receives. */
    public DirectionSettings receiving(Role role) {
        return role == Role.SERVER ? clientToServer : serverToClient;
    }

    /**
     * Returns the element a server writes in its response to say what it accepted (RFC 7692 §7.1): each
     * parameter only where the agreement differs from what holds without it.
     */
    public Extension toResponse() {
        List<ExtensionParameter> parameters = new ArrayList<>();
        if (serverToClient.context() == ContextTakeover.RESET) {
            parameters.add(ExtensionParameter.flag(DeflateParameter.SERVER_NO_CONTEXT_TAKEOVER.headerName()));
        }
        if (clientToServer.context() == ContextTakeover.RESET) {
            parameters.add(ExtensionParameter.flag(DeflateParameter.CLIENT_NO_CONTEXT_TAKEOVER.headerName()));
        }
        if (serverToClient.maxWindowBits() < DirectionSettings.MAX_WINDOW_BITS) {
            parameters.add(ExtensionParameter.of(DeflateParameter.SERVER_MAX_WINDOW_BITS.headerName(),
                    Integer.toString(serverToClient.maxWindowBits())));
        }
        if (clientToServer.maxWindowBits() < DirectionSettings.MAX_WINDOW_BITS) {
            parameters.add(ExtensionParameter.of(DeflateParameter.CLIENT_MAX_WINDOW_BITS.headerName(),
                    Integer.toString(clientToServer.maxWindowBits())));
        }
        return new Extension(PerMessageDeflate.NAME, parameters);
    }
}
