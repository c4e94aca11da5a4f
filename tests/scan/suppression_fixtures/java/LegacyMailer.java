package com.example.mail;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.RawMessage;
import software.amazon.awssdk.services.ses.model.SendRawEmailRequest;

/** Inline suppressions in Java: `//` comments. */
public final class LegacyMailer {
    private final SesClient ses = SesClient.create();

    public void replay(byte[] mime) {
        // sesguard: ignore[SES016] replays a recorded v1 request
        ses.sendRawEmail(SendRawEmailRequest.builder()
                .rawMessage(RawMessage.builder().data(SdkBytes.fromByteArray(mime)).build())
                .configurationSetName("transactional")
                .build());
    }
}
